/// What `paas version --format json` prints.
public struct VersionReport: Codable, Sendable, Equatable {
    public var version: String
    public var schemaVersion: Int

    public init(version: String, schemaVersion: Int) {
        self.version = version
        self.schemaVersion = schemaVersion
    }
}
