import Foundation
import PaasSupport

/// How the plugin finds and drives the host's HAProxy: the `"haproxy"` object of
/// `$PAAS_ROOT/settings.json`, written by scripts/install.sh. Every field has a default under
/// the state root, so an empty object works.
struct HAProxySettings: Decodable, Equatable {
    /// The folder holding HAProxy's configuration, maps, certificates and sockets.
    var directory: String
    /// The worker's admin socket (`stats socket ... level admin`).
    var socket: String
    /// The master's CLI socket (`haproxy -W -S PATH`), used to reload when an app is new.
    var masterSocket: String
    /// Where HTTP is served (`bind` of the frontend): "80", "127.0.0.1:8080".
    var http: String
    /// Where HTTPS is served; nil: no HTTPS.
    var https: String?
    /// The command that starts HAProxy, shown when it is not running.
    var start: String
    /// Seconds a drained server may keep sessions before they are shut down.
    var drainTimeout: Double
    /// The haproxy executable (for `haproxy -c` before a reload).
    var executable: String
    /// The user the admin socket belongs to (HAProxy runs as root, paas as this user); by
    /// default whoever runs `paas-haproxy setup`, unless that is root.
    var socketUser: String?
    /// Where HAProxy logs every request (`option httplog`) and server state change: a `log`
    /// address ("/dev/log", "127.0.0.1:514", "stdout" for a HAProxy in the foreground); nil: no log.
    var log: String?

    private enum CodingKeys: String, CodingKey {
        case directory, socket, masterSocket, http, https, start, drainTimeout, executable, socketUser, log
    }

    /// `listen` as HAProxy's `bind` takes it: a bare port ("80") means every address (":80").
    static func bindAddress(_ listen: String) -> String {
        !listen.isEmpty && listen.allSatisfy(\.isNumber) ? ":" + listen : listen
    }

    init(root: StateRoot, decoder: Decoder? = nil) throws {
        let c = try decoder?.container(keyedBy: CodingKeys.self)
        directory = try c?.decodeIfPresent(String.self, forKey: .directory) ?? root.path + "/haproxy"
        socket = try c?.decodeIfPresent(String.self, forKey: .socket) ?? directory + "/admin.sock"
        masterSocket = try c?.decodeIfPresent(String.self, forKey: .masterSocket) ?? directory + "/master.sock"
        http = Self.bindAddress(try c?.decodeIfPresent(String.self, forKey: .http) ?? "80")
        https = try c?.decodeIfPresent(String.self, forKey: .https).map(Self.bindAddress)
        start = try c?.decodeIfPresent(String.self, forKey: .start) ?? Self.startCommand(directory: directory, masterSocket: masterSocket)
        drainTimeout = try c?.decodeIfPresent(Double.self, forKey: .drainTimeout) ?? 30
        executable = try c?.decodeIfPresent(String.self, forKey: .executable) ?? "/usr/sbin/haproxy"
        socketUser = try c?.decodeIfPresent(String.self, forKey: .socketUser) ?? Self.currentUser
        log = try c?.decodeIfPresent(String.self, forKey: .log)
    }

    init(from decoder: Decoder) throws {
        try self.init(root: StateRoot.fromEnvironment(), decoder: decoder)
    }

    /// The name of the user running this process, unless it is root.
    private static var currentUser: String? {
        let uid = getuid()
        guard uid != 0, let entry = getpwuid(uid) else { return nil }
        return String(cString: entry.pointee.pw_name)
    }

    /// The usual command line: master-worker, daemon, the base file then every app's file.
    static func startCommand(directory: String, masterSocket: String) -> String {
        "haproxy -W -D -S \(masterSocket) -p \(directory)/haproxy.pid -f \(directory)/haproxy.cfg -f \(directory)/apps"
    }

    /// The `haproxy` object of the settings file of `root`; defaults when there is none.
    static func load(root: StateRoot) throws -> HAProxySettings {
        guard let data = FileManager.default.contents(atPath: root.settingsFile) else { return try HAProxySettings(root: root) }
        struct File: Decodable { var haproxy: HAProxySettings? }
        do {
            return try JSONDecoder().decode(File.self, from: data).haproxy ?? HAProxySettings(root: root)
        } catch {
            throw HAProxyPluginError.badSettings(path: root.settingsFile, detail: "\(error)")
        }
    }
}
