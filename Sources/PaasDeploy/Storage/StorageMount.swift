/// One persistent storage mount of an app: folder `name` under the state root's storage folder,
/// at `containerPath` in every container of the app (not in builds).
public struct StorageMount: Sendable, Hashable, CustomStringConvertible {
    /// The storage folder's name (`storage:ensure-directory NAME`).
    public let name: String
    /// The absolute path inside the container.
    public let containerPath: String

    /// Parses `NAME:/container/path`; throws `StorageError` saying what is expected.
    public init(parsing text: String) throws {
        guard let colon = text.firstIndex(of: ":") else { throw StorageError.badMount(text) }
        name = try Self.validate(name: String(text[..<colon]))
        containerPath = try Self.validate(containerPath: String(text[text.index(after: colon)...]))
    }

    /// `NAME:/container/path`.
    public var description: String { "\(name):\(containerPath)" }

    /// Returns `name` when it is a valid storage folder name: 1 to 63 lowercase letters, digits,
    /// '-', '_' or '.', starting with a letter or digit (so never `.` or `..`).
    @discardableResult
    public static func validate(name: String) throws -> String {
        let bytes = Array(name.utf8)
        let valid =
            !bytes.isEmpty && bytes.count <= 63 && isWordByte(bytes[0])
            && bytes.allSatisfy {
                isWordByte($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
            }
        guard valid else { throw StorageError.badName(name) }
        return name
    }

    /// Folders of the container that a mount may not cover: the system's own.
    static let reserved = ["/proc", "/sys", "/dev", "/etc", "/bin", "/sbin", "/lib", "/lib64", "/usr", "/run"]

    /// Returns `path` when it is an absolute container path without `..`, `:`, `,` or control
    /// characters, below `/` and outside the system folders.
    @discardableResult
    public static func validate(containerPath path: String) throws -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        let valid =
            path.hasPrefix("/") && path.utf8.count <= 255 && !parts.isEmpty
            && !parts.contains { $0 == ".." || $0 == "." }
            && path.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7f && $0 != ":" && $0 != "," }
        guard valid else { throw StorageError.badContainerPath(path) }
        let normal = "/" + parts.joined(separator: "/")
        if reserved.contains(where: { normal == $0 || normal.hasPrefix($0 + "/") }) {
            throw StorageError.reservedPath(normal)
        }
        return normal
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }
}
