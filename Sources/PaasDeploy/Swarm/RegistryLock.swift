import Foundation
import PaasSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps registry clean-up from racing a push: pushes hold `swarm/registry/push.lock` shared
/// (any number at once), garbage collection holds it exclusively. An flock(2), so the kernel
/// drops it when its holder dies.
public final class RegistryLock {
    /// How the lock is held.
    public enum Mode: Sendable {
        /// By a push: many may hold it together.
        case shared
        /// By garbage collection: alone.
        case exclusive
    }

    private let fd: Int32
    private var released = false

    private init(fd: Int32) { self.fd = fd }

    deinit { release() }

    /// Gives the lock up (also done on deinit and, by the kernel, on exit).
    public func release() {
        guard !released else { return }
        released = true
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// Takes the lock in `mode`, waiting up to `wait` while it is held the other way.
    public static func acquire(_ mode: Mode, paths: SwarmPaths, wait: Duration = .seconds(600)) throws(RegistryError)
        -> RegistryLock
    {
        try? FileManager.default.createDirectory(
            atPath: paths.registryFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let fd = open(paths.registryLock, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .file("cannot open \(paths.registryLock): \(String(cString: strerror(errno)))") }
        let operation = (mode == .shared ? LOCK_SH : LOCK_EX) | LOCK_NB
        let deadline = ContinuousClock.now + wait
        while flock(fd, operation) != 0 {
            if ContinuousClock.now >= deadline {
                close(fd)
                throw .busy(
                    mode == .shared
                        ? "a registry clean-up has run for over \(wait); try the push again when it ends"
                        : "pushes to the registry kept on for over \(wait); run the clean-up again later")
            }
            usleep(50_000)
        }
        return RegistryLock(fd: fd)
    }
}
