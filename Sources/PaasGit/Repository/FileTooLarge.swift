/// A file that `GitRepository.readFile` refused to read because it is over its size limit.
public struct FileTooLarge: Error, CustomStringConvertible, Equatable, Sendable {
    /// The path in the commit.
    public let path: String
    /// Its size in bytes.
    public let size: Int
    /// The most that is read.
    public let limit: Int

    public var description: String {
        "\(path) is \(size) bytes; at most \(limit) bytes (\(limit / 1024 / 1024) MiB) is read, so push a smaller file"
    }
}

extension GitRepository {
    /// The most `readFile` reads by default: 1 MiB.
    public static let smallFileLimit = 1 << 20
}
