import Foundation

/// What a release bundle says about the binaries it ships: `paas-release.json`, installed beside
/// them by `scripts/package.sh` and `paas upgrade`. Binaries without one (a plain `swift build`)
/// report the version compiled in and the schema of the migrations they hold.
public struct ReleaseStamp: Codable, Sendable, Equatable {
    /// The file name, in the folder of the binaries.
    public static let fileName = "paas-release.json"

    /// The release's version ("0.2.0").
    public var version: String?
    /// The database schema version the release expects.
    public var schemaVersion: Int?

    public init(version: String? = nil, schemaVersion: Int? = nil) {
        self.version = version
        self.schemaVersion = schemaVersion
    }

    /// The stamp in `directory`, or an empty one when there is none (or it cannot be read).
    public static func load(directory: String) -> ReleaseStamp {
        guard let data = FileManager.default.contents(atPath: directory + "/" + fileName),
            let stamp = try? JSONDecoder().decode(ReleaseStamp.self, from: data)
        else { return ReleaseStamp() }
        return stamp
    }

    /// The stamp beside the running executable (read once per process).
    public static let beside: ReleaseStamp = load(directory: Executable.directory)
}
