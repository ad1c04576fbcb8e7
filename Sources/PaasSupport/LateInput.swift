import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The stdin of a child started before its input is known (`ProcessSpec.Input.later`): the child
/// starts and blocks reading, and whoever holds this writes the bytes when they are ready — or
/// abandons it, which kills the child (with its process group) before it has read anything.
///
/// The child's timeout counts from `deliver`, not from its start.
public final class LateInput: Sendable {
    private struct State {
        var fd: Int32 = -1
        var pid: pid_t = 0
        var group = false
        var deliveredAt: ContinuousClock.Instant?
        var closed = false
    }

    private let state = Mutex(State())
    /// Signalled once the child runs, or once it is known that it never will.
    private let settled = DispatchSemaphore(value: 0)

    public init() {}

    /// Called by the runner once the child runs: the write end of its stdin pipe and its pid.
    func attach(fd: Int32, pid: pid_t, processGroup: Bool) {
        let late = state.withLock { s -> Bool in
            guard !s.closed else { return true }
            s.fd = fd
            s.pid = pid
            s.group = processGroup
            return false
        }
        if late {
            close(fd)
            kill(processGroup ? -pid : pid, SIGKILL)
        }
        settled.signal()
    }

    /// Called when the run is over (or could not start): nothing can be delivered any more.
    public func ended() {
        let fd = state.withLock { s -> Int32 in
            s.closed = true
            defer { s.fd = -1 }
            return s.fd
        }
        if fd >= 0 { close(fd) }
        settled.signal()
    }

    /// When the input was delivered, if it was.
    var deliveredAt: ContinuousClock.Instant? { state.withLock { $0.deliveredAt } }

    /// Writes `bytes` to the child's stdin and closes it. False when the child is gone (it
    /// exited or could not start) or the input was already delivered or abandoned.
    @discardableResult
    public func deliver(_ bytes: [UInt8]) -> Bool {
        settled.wait()
        settled.signal()
        let fd = state.withLock { s -> Int32 in
            guard !s.closed, s.fd >= 0 else { return -1 }
            s.closed = true
            s.deliveredAt = .now
            let fd = s.fd
            s.fd = -1
            return fd
        }
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }

    /// Kills the child before it gets any input (it was started for nothing).
    public func abandon() {
        let (fd, pid, group) = state.withLock { s -> (Int32, pid_t, Bool) in
            guard !s.closed else { return (-1, 0, false) }
            s.closed = true
            defer { s.fd = -1 }
            return (s.fd, s.pid, s.group)
        }
        if pid > 0 { kill(group ? -pid : pid, SIGKILL) }
        if fd >= 0 { close(fd) }
    }
}
