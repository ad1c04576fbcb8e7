import Foundation
import PaasSupport

/// What the install decided for this host, read from `settings.json` in the state root.
///
/// Plugins keep their own sections in the same file (the nginx plugin reads `nginx`); the core
/// ignores keys it does not know.
public struct InstallSettings: Codable, Sendable, Equatable {
    /// The domain apps are served under: `APP.DOMAIN`.
    public var domain: String
    /// Labels added to every container, image and volume paas makes (tests tag their runs with it).
    public var labels: [String: String]
    /// Where the Docker Engine listens.
    public var dockerSocket: String?
    /// The user ssh keys log in as (shown in `git remote add` hints).
    public var sshUser: String
    /// The installed `paas`, which every key's forced command in authorized_keys runs.
    public var paasBinary: String

    /// Where scripts/install.sh puts `paas`.
    public static let installedBinary = "/usr/local/bin/paas"

    public init(
        domain: String = "paas.localhost", labels: [String: String] = [:],
        dockerSocket: String? = nil, sshUser: String = "paas", paasBinary: String = InstallSettings.installedBinary
    ) {
        self.domain = domain
        self.labels = labels
        self.dockerSocket = dockerSocket
        self.sshUser = sshUser
        self.paasBinary = paasBinary
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        domain = try c.decodeIfPresent(String.self, forKey: .domain) ?? "paas.localhost"
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        dockerSocket = try c.decodeIfPresent(String.self, forKey: .dockerSocket)
        sshUser = try c.decodeIfPresent(String.self, forKey: .sshUser) ?? "paas"
        paasBinary = try c.decodeIfPresent(String.self, forKey: .paasBinary) ?? Self.installedBinary
    }

    /// Reads `settings.json` under `root`; defaults when the file does not exist.
    public static func load(from root: StateRoot) throws -> InstallSettings {
        guard let data = FileManager.default.contents(atPath: root.settingsFile) else { return InstallSettings() }
        do {
            return try JSONDecoder().decode(InstallSettings.self, from: data)
        } catch {
            throw SettingsError(path: root.settingsFile, detail: "\(error)")
        }
    }

    /// Writes the settings to `settings.json` under `root`.
    public func save(to root: StateRoot) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: root.settingsFile, mode: 0o644)
    }
}

/// settings.json could not be read.
public struct SettingsError: Error, CustomStringConvertible {
    public let path: String
    public let detail: String
    public var description: String { "cannot read \(path): \(detail) (expected the JSON written by scripts/install.sh)" }
}
