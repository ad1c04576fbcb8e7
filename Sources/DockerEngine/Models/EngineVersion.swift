/// What `GET /version` says about the daemon.
public struct EngineVersion: Sendable, Equatable {
    /// The engine release, such as "20.10.24".
    public var version: String
    /// The newest API version it speaks, such as "1.41".
    public var apiVersion: String
    /// "linux".
    public var os: String
    /// "amd64".
    public var arch: String

    /// Creates a version record.
    public init(version: String, apiVersion: String, os: String, arch: String) {
        self.version = version
        self.apiVersion = apiVersion
        self.os = os
        self.arch = arch
    }

    // Names mirror Docker's JSON keys.

    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Wire: Decodable {
        var Version: String?
        var ApiVersion: String?
        var Os: String?
        var Arch: String?
    }
}
