import Foundation
import PaasSupport

/// `upgrade/kept.json`: the version before the last finished upgrade, and the snapshot holding
/// it, for `upgrade:rollback`.
public struct KeptVersion: Codable, Sendable, Equatable {
    /// The upgrade that replaced it.
    public var id: String
    public var version: VersionReport
    /// Its snapshot folder (binaries, plugins, database).
    public var snapshot: String
    /// The database's fingerprint when the upgrade finished: `upgrade:rollback` to an older
    /// schema restores the snapshot's database only while it still matches.
    public var databaseDigest: String?

    public static func load(_ paths: UpgradePaths) -> KeptVersion? {
        guard let data = FileManager.default.contents(atPath: paths.kept) else { return nil }
        return try? JSONDecoder().decode(KeptVersion.self, from: data)
    }

    func save(_ paths: UpgradePaths) throws {
        try AtomicFile.write(try JSONEncoder().encode(self), to: paths.kept, mode: 0o644)
    }
}
