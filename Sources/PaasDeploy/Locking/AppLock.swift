import Foundation
import PaasSupport

#if canImport(Glibc)
    import Glibc
#endif

/// One deploy (or config change, or scale) per app at a time.
///
/// An flock(2) on `locks/APP.lock`: the kernel releases it when the holder dies, however it
/// dies, so a lock can never be left behind by a crash. The file holds a line saying who holds
/// it, shown to whoever waits.
public final class AppLock {
    /// The app this lock is for.
    public let app: String
    private let fd: Int32
    private var released = false

    private init(app: String, fd: Int32) {
        self.app = app
        self.fd = fd
    }

    deinit { release() }

    /// Gives the lock up (also done on deinit and, by the kernel, on exit).
    public func release() {
        guard !released else { return }
        released = true
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// Takes the lock of `app`, waiting up to `wait` while someone else holds it.
    ///
    /// `onWait` is called once with the holder's description when waiting starts.
    public static func acquire(
        root: StateRoot, app: String, holder: String, wait: Duration,
        cancellation: Cancellation = .shared, onWait: (String) -> Void = { _ in }
    ) throws -> AppLock {
        try UpgradeGate.check(root)
        try FileManager.default.createDirectory(atPath: root.locks, withIntermediateDirectories: true)
        let path = root.locks + "/" + app + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileError(path: path, operation: "open") }
        let deadline = ContinuousClock.now + wait
        var announced = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let current = holderDescription(fd: fd)
            if !announced {
                onWait(current)
                announced = true
            }
            if ContinuousClock.now >= deadline {
                close(fd)
                throw AppLockError.busy(app: app, holder: current, waited: wait)
            }
            if let reason = cancellation.reason {
                close(fd)
                throw CancelledError(reason: reason)
            }
            do { try UpgradeGate.check(root) } catch { close(fd); throw error }
            usleep(50_000)
        }
        // An upgrade that started while we waited goes first; one that started after we got
        // the lock waits for us (it takes every app's lock before it changes anything).
        do { try UpgradeGate.check(root) } catch { flock(fd, LOCK_UN); close(fd); throw error }
        let line = "\(holder) (pid \(getpid()), since \(ISO8601DateFormatter().string(from: Date())))\n"
        ftruncate(fd, 0)
        _ = line.withCString { pwrite(fd, $0, strlen($0), 0) }
        return AppLock(app: app, fd: fd)
    }

    /// Who holds the lock of `app` now, or nil when it is free.
    public static func holder(root: StateRoot, app: String) -> String? {
        let path = root.locks + "/" + app + ".lock"
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return nil
        }
        return holderDescription(fd: fd)
    }

    /// The pid written by the holder of `app`'s lock, when it is held.
    public static func holderPID(root: StateRoot, app: String) -> pid_t? {
        guard let text = holder(root: root, app: app),
            let range = text.range(of: #"pid (\d+)"#, options: .regularExpression)
        else { return nil }
        return pid_t(text[range].dropFirst(4))
    }

    private static func holderDescription(fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = pread(fd, &buffer, buffer.count, 0)
        let text = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "another paas process" : trimmed
    }
}

/// The app's lock could not be taken in time.
public enum AppLockError: Error, CustomStringConvertible {
    case busy(app: String, holder: String, waited: Duration)

    public var description: String {
        switch self {
        case .busy(let app, let holder, let waited):
            return "\(app) is busy: \(holder) still holds its lock after \(waited.components.seconds)s; "
                + "try again when it is done (or see apps:unlock)"
        }
    }
}
