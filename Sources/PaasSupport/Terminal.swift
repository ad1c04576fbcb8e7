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
    /// For a prefixed terminal: where whole lines go, and the prefix of each.
    private let parent: Terminal?
    private let prefix: [UInt8]
    /// Bytes of the line a prefixed terminal has not finished yet.
    private let pending = Mutex<[UInt8]>([])

    /// A terminal writing to `fd`.
    public init(fd: Int32) {
        self.fd = fd
        parent = nil
        prefix = []
    }

    /// A terminal that writes whole lines to `parent`, each starting with `prefix` (`api | `),
    /// so that the output of deploys running side by side stays readable. `flush()` writes an
    /// unfinished last line.
    public init(prefix: String, writingTo parent: Terminal) {
        fd = parent.fd
        self.parent = parent
        self.prefix = Array(prefix.utf8)
    }

    /// Writes what a prefixed terminal holds of an unfinished line.
    public func flush() {
        guard let parent else { return }
        let rest = pending.withLock { buffer in
            defer { buffer.removeAll() }
            return buffer
        }
        if !rest.isEmpty { parent.write(bytes: prefix + rest + [10]) }
    }

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
        if let parent {
            let lines = pending.withLock { buffer -> [UInt8] in
                buffer += bytes
                // A carriage return redraws a line in place; prefixed output keeps whole lines only.
                guard let end = buffer.lastIndex(where: { $0 == 10 || $0 == 13 }) else { return [] }
                let complete = buffer[...end]
                buffer.removeSubrange(...end)
                var out: [UInt8] = []
                for line in complete.split(omittingEmptySubsequences: true, whereSeparator: { $0 == 10 || $0 == 13 }) {
                    out += prefix + line + [10]
                }
                return out
            }
            if !lines.isEmpty { parent.write(bytes: lines) }
            return
        }
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
