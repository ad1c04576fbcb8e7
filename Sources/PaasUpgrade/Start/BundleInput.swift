import Foundation
import PaasSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Where `paas upgrade` reads the bundle from: a file on the host, or stdin over ssh.
public enum BundleInput: Sendable {
    case file(String)
    case standardInput

    /// The largest bundle paas accepts (a release bundle is about 30 MiB).
    public static let limit = 1 << 30

    /// Copies the bundle to `destination`; throws `BundleError.tooLarge` past `limit` bytes.
    func copy(to destination: String, limit: Int = BundleInput.limit) throws {
        let input: Int32
        switch self {
        case .file(let path):
            input = open(path, O_RDONLY | O_CLOEXEC)
            guard input >= 0 else { throw BundleError.unreadable(FileError(path: path, operation: "open").description) }
        case .standardInput:
            input = 0
        }
        defer { if input != 0 { close(input) } }
        let output = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw FileError(path: destination, operation: "create") }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var total = 0
        while true {
            let n = read(input, &buffer, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw BundleError.unreadable(String(cString: strerror(errno)))
            }
            if n == 0 { break }
            total += n
            guard total <= limit else { throw BundleError.tooLarge(limit: limit) }
            var offset = 0
            while offset < n {
                let w = buffer.withUnsafeBytes { write(output, $0.baseAddress! + offset, n - offset) }
                guard w > 0 else { throw FileError(path: destination, operation: "write") }
                offset += w
            }
        }
        guard total > 0 else { throw BundleError.unreadable("it is empty") }
    }
}
