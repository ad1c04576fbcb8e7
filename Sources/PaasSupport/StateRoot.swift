import Foundation

/// The directory that holds all of paas's state, and the paths inside it.
///
/// `/var/lib/paas` unless `PAAS_ROOT` says otherwise (tests use a temp directory each).
public struct StateRoot: Sendable, Hashable {
    /// The root directory, absolute.
    public let path: String

    /// A state root at `path`.
    public init(path: String) { self.path = path }

    /// The state root named by the environment.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> StateRoot {
        if let root = env["PAAS_ROOT"], !root.isEmpty { return StateRoot(path: root) }
        return StateRoot(path: "/var/lib/paas")
    }

    /// The SQLite database file.
    public var database: String { path + "/paas.db" }
    /// Bare git repositories, one per app: `repos/APP.git`.
    public var repos: String { path + "/repos" }
    /// The bare repository of `app`.
    public func repo(_ app: String) -> String { repos + "/" + app + ".git" }
    /// Lock files, one per app.
    public var locks: String { path + "/locks" }
    /// Plugins: `available/` and `enabled/` below it.
    public var plugins: String { path + "/plugins" }
    /// Files the proxy writes (nginx server blocks).
    public var proxy: String { path + "/proxy" }
    /// Installation settings (`settings.json`): domain, nginx commands, etc.
    public var settingsFile: String { path + "/settings.json" }
    /// The authorized_keys file sshd reads: the paas user's home is the state root.
    public var authorizedKeys: String { path + "/.ssh/authorized_keys" }
    /// Logs of background work (upgrades, restores).
    public var logs: String { path + "/logs" }
    /// Persistent storage folders (`storage:ensure-directory`), the only host paths apps mount.
    public var storage: String { path + "/storage" }
    /// Docker Swarm state: the cluster CA (`swarm/ca`) and the image registry (`swarm/registry`).
    public var swarm: String { path + "/swarm" }

    /// Creates the root and its subdirectories if missing.
    public func prepare() throws {
        let fm = FileManager.default
        for dir in [path, repos, locks, plugins, proxy, path + "/.ssh", logs] {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
    }
}
