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
        let stamp = Self.timeFormatter.string(from: Date())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { "\(stamp) \($0)\n" }.joined()
        let path = paths.log(id)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644])
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data(lines.utf8))
    }

    /// ISO 8601 with milliseconds: steps take fractions of a second.
    // nonisolated(unsafe): configured once here and only read after; paas writes its status
    // from one thread.
    nonisolated(unsafe) static let timeFormatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(StatusFile.timeFormatter.string(from: date))
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = StatusFile.timeFormatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "not a time: \(text)"))
            }
            return date
        }
        return decoder
    }()
}
