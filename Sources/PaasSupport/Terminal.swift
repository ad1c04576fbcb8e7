import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Where a user sees output: stdout for results, stderr for progress and errors.
///
/// Writes go straight to the file descriptor (no buffering) so progress appears as it happens.
/// A write to a closed descriptor (the pushing client went away) cancels the work in progress.
public final class Terminal: Sendable {
    /// Standard output of this process.
    public static let out = Terminal(fd: 1)
    /// Standard error of this process.
    public static let err = Terminal(fd: 2)

    private let fd: Int32
    private let lock = Mutex(())

    /// A terminal writing to `fd`.
    public init(fd: Int32) { self.fd = fd }

    /// Writes `text` as is.
    public func write(_ text: String) {
        write(bytes: Array(text.utf8))
    }

    /// Writes `text` followed by a newline.
    public func line(_ text: String) {
        write(text + "\n")
    }

    /// Writes raw bytes.
    public func write(bytes: [UInt8]) {
        lock.withLock { _ in
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { Cancellation.shared.cancel("the client went away") }
                    return
                }
                offset += n
            }
        }
    }
}
