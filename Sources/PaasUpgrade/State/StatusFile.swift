import Foundation
import PaasSupport

/// Reads and writes `upgrade/status.json` (atomically, readable by every paas user) and
/// appends to the upgrade's log.
public struct StatusFile: Sendable {
    public let paths: UpgradePaths

    public init(paths: UpgradePaths) { self.paths = paths }

    /// The latest upgrade's status, or nil when paas never upgraded.
    public func load() throws -> UpgradeStatus? {
        guard let data = FileManager.default.contents(atPath: paths.status) else { return nil }
        do {
            return try Self.decoder.decode(UpgradeStatus.self, from: data)
        } catch {
            throw UpgradeError.state("cannot read \(paths.status): \(error)")
        }
    }

    /// Replaces the status.
    public func save(_ status: UpgradeStatus) throws {
        try AtomicFile.write(try Self.encoder.encode(status), to: paths.status, mode: 0o644)
    }

    /// Appends `text` (one or more lines) to upgrade `id`'s log, each line with the time.
    public func log(_ id: String, _ text: String) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { "\(stamp) \($0)\n" }.joined()
        let path = paths.log(id)
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644])
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data(lines.utf8))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
