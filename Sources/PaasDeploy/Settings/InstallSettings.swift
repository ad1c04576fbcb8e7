import Foundation
import PaasSupport

/// What the install decided for this host, read from `settings.json` in the state root.
public struct InstallSettings: Codable, Sendable, Equatable {
    /// The domain apps are served under: `APP.DOMAIN`.
    public var domain: String
    /// How to drive nginx; nil means no proxy is managed (apps are only published on loopback).
    public var nginx: NginxSettings?
    /// Labels added to every container, image and volume paas makes (tests tag their runs with it).
    public var labels: [String: String]
    /// Where the Docker Engine listens.
    public var dockerSocket: String?
    /// The user ssh keys log in as (shown in `git remote add` hints).
    public var sshUser: String

    public init(
        domain: String = "paas.localhost", nginx: NginxSettings? = nil, labels: [String: String] = [:],
        dockerSocket: String? = nil, sshUser: String = "paas"
    ) {
        self.domain = domain
        self.nginx = nginx
        self.labels = labels
        self.dockerSocket = dockerSocket
        self.sshUser = sshUser
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        domain = try c.decodeIfPresent(String.self, forKey: .domain) ?? "paas.localhost"
        nginx = try c.decodeIfPresent(NginxSettings.self, forKey: .nginx)
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        dockerSocket = try c.decodeIfPresent(String.self, forKey: .dockerSocket)
        sshUser = try c.decodeIfPresent(String.self, forKey: .sshUser) ?? "paas"
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

/// How paas drives the host's nginx.
public struct NginxSettings: Codable, Sendable, Equatable {
    /// The `listen` value of every app's server block ("80", "127.0.0.1:8080").
    public var listen: String
    /// Command that checks the configuration (`nginx -t`).
    public var test: [String]
    /// Command that reloads nginx gracefully (`nginx -s reload`).
    public var reload: [String]
    /// Run both through `sudo -n` (when paas runs as an unprivileged user).
    public var sudo: Bool
    /// nginx's pid file, used to wait until old workers have drained after a reload.
    public var pidFile: String?

    public init(listen: String = "80", test: [String], reload: [String], sudo: Bool = false, pidFile: String? = nil) {
        self.listen = listen
        self.test = test
        self.reload = reload
        self.sudo = sudo
        self.pidFile = pidFile
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        listen = try c.decodeIfPresent(String.self, forKey: .listen) ?? "80"
        test = try c.decodeIfPresent([String].self, forKey: .test) ?? ["/usr/sbin/nginx", "-t"]
        reload = try c.decodeIfPresent([String].self, forKey: .reload) ?? ["/usr/sbin/nginx", "-s", "reload"]
        sudo = try c.decodeIfPresent(Bool.self, forKey: .sudo) ?? false
        pidFile = try c.decodeIfPresent(String.self, forKey: .pidFile)
    }
}

/// settings.json could not be read.
public struct SettingsError: Error, CustomStringConvertible {
    public let path: String
    public let detail: String
    public var description: String { "cannot read \(path): \(detail) (expected the JSON written by scripts/install.sh)" }
}
