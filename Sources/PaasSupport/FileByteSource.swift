import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A `ByteSource` that reads a file from its start to its end, a buffer at a time (an image
/// archive sent to the Docker Engine without holding it in memory).
public final class FileByteSource: ByteSource {
    /// The file read.
    public let path: String
    private let fd: Int32

    /// Opens `path` for reading; throws `FileByteSource.ReadError` when it cannot.
    public init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
        }
    }

    /// A file that could not be opened or read.
    public struct ReadError: Error, CustomStringConvertible {
        /// The file.
        public let path: String
        /// The system's reason.
        public let reason: String

        public var description: String { "cannot read \(path): \(reason)" }
    }
}
