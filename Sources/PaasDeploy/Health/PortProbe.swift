import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Whether a TCP port on loopback accepts connections.
///
/// A published port is answered by Docker's userland proxy (docker-proxy), which accepts every
/// connection and only then dials the container, closing at once when nothing listens there.
/// So an accepted connection counts only when the peer keeps it open for `holdOpen` (or sends
/// data, as servers with a banner do).
public enum PortProbe {
    /// Tries one connection to `host:port`, giving up after `timeout`.
    public static func accepts(
        host: String = "127.0.0.1", port: Int, timeout: Duration = .seconds(1), holdOpen: Duration = .milliseconds(25)
    ) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if rc != 0 {
            guard errno == EINPROGRESS else { return false }
            var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            guard poll(&pfd, 1, milliseconds(timeout)) == 1 else { return false }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
            guard error == 0 else { return false }
        }
        return staysOpen(fd, for: holdOpen)
    }

    /// Whether the peer of connected `fd` neither closes nor resets it within `duration`.
    private static func staysOpen(_ fd: Int32, for duration: Duration) -> Bool {
        // POLLRDHUP (0x2000): the peer closed its side.
        var pfd = pollfd(fd: fd, events: Int16(POLLIN | 0x2000), revents: 0)
        guard poll(&pfd, 1, milliseconds(duration)) == 1 else { return true }
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) > 0
    }

    private static func milliseconds(_ d: Duration) -> Int32 {
        Int32(d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000)
    }
}

/// Polls fast at first and backs off, so readiness is noticed within milliseconds without
/// spinning for slow starters.
public struct Backoff: Sendable {
    private var delay: Duration
    private let maximum: Duration

    public init(initial: Duration = .milliseconds(5), maximum: Duration = .milliseconds(250)) {
        self.delay = initial
        self.maximum = maximum
    }

    /// Sleeps for the current delay, then lengthens it.
    public mutating func wait() {
        let micros = delay.components.seconds * 1_000_000 + delay.components.attoseconds / 1_000_000_000_000
        usleep(useconds_t(micros))
        delay = min(delay * 2, maximum)
    }
}
