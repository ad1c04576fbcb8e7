import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes files so that a reader sees the old content or the new, never half of either.
public enum AtomicFile {
    /// Writes `data` to a temp file beside `path` with `mode`, fsyncs it, and renames it over `path`.
    public static func write(_ data: Data, to path: String, mode: mode_t) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let temp = dir + "/." + (path as NSString).lastPathComponent + ".\(getpid()).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileError(path: temp, operation: "create") }
        defer { unlink(temp) }
        fchmod(fd, mode)
        let ok = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        fsync(fd)
        close(fd)
        guard ok else { throw FileError(path: temp, operation: "write") }
        guard rename(temp, path) == 0 else { throw FileError(path: path, operation: "replace") }
    }

    /// Writes UTF-8 `text`.
    public static func write(_ text: String, to path: String, mode: mode_t) throws {
        try write(Data(text.utf8), to: path, mode: mode)
    }
}

/// A file operation failed; carries errno's text.
public struct FileError: Error, CustomStringConvertible {
    public let path: String
    public let operation: String
    public let detail: String

    public init(path: String, operation: String, detail: String = String(cString: strerror(errno))) {
        self.path = path
        self.operation = operation
        self.detail = detail
    }

    public var description: String { "cannot \(operation) \(path): \(detail)" }
}
