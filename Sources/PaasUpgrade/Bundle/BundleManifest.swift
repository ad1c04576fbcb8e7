import Foundation

/// `manifest.json` at the top of a release bundle, written by `scripts/package.sh`.
public struct BundleManifest: Codable, Sendable, Equatable {
    /// The bundle layout this paas reads.
    public static let currentFormat = 1

    /// The layout of the bundle (1).
    public var format: Int
    /// The version the bundle installs ("0.2.0").
    public var version: String
    /// The database schema version the bundle's release expects.
    public var schemaVersion: Int
    /// The oldest installed version the bundle may upgrade.
    public var minimumVersion: String
    /// The files of `bin/` it installs into the host's binary folder.
    public var binaries: [String]
    /// The plugin folders of `plugins/` it ships.
    public var plugins: [String]
    /// The SQL files of `migrations/`, applied in name order at step 4 (see docs/upgrade.md).
    public var migrations: [String]

    public init(
        format: Int = BundleManifest.currentFormat, version: String, schemaVersion: Int, minimumVersion: String,
        binaries: [String], plugins: [String], migrations: [String]
    ) {
        self.format = format
        self.version = version
        self.schemaVersion = schemaVersion
        self.minimumVersion = minimumVersion
        self.binaries = binaries
        self.plugins = plugins
        self.migrations = migrations
    }

    /// The binaries every bundle must carry.
    public static let requiredBinaries = ["paas", "paas-pre-receive"]
}
