import Foundation

/// How the plugin drives the host's nginx: the `"nginx"` object of `$PAAS_ROOT/settings.json`,
/// written by scripts/install.sh.
struct NginxSettings: Decodable, Equatable {
    /// The `listen` value of every app's server block ("80", "127.0.0.1:8080").
    var listen: String
    /// The command that checks the configuration (`nginx -t`).
    var test: [String]
    /// The command that reloads nginx gracefully (`nginx -s reload`).
    var reload: [String]
    /// Run both through `sudo -n` (paas runs as an unprivileged user).
    var sudo: Bool
    /// nginx's pid file, used to wait until the old workers are gone after a reload.
    var pidFile: String?
    /// The `listen` of HTTPS server blocks, without `ssl` ("443", "127.0.0.1:8443"); nil: apps'
    /// certificates are not served.
    var listenTLS: String?

    private enum CodingKeys: String, CodingKey { case listen, test, reload, sudo, pidFile, listenTLS }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        listen = try c.decodeIfPresent(String.self, forKey: .listen) ?? "80"
        test = try c.decodeIfPresent([String].self, forKey: .test) ?? ["/usr/sbin/nginx", "-t"]
        reload = try c.decodeIfPresent([String].self, forKey: .reload) ?? ["/usr/sbin/nginx", "-s", "reload"]
        sudo = try c.decodeIfPresent(Bool.self, forKey: .sudo) ?? false
        pidFile = try c.decodeIfPresent(String.self, forKey: .pidFile)
        listenTLS = try c.decodeIfPresent(String.self, forKey: .listenTLS)
    }

    /// `command` as it is run: behind `/usr/bin/sudo -n` when `sudo` is set.
    func argv(_ command: [String]) -> [String] { sudo ? ["/usr/bin/sudo", "-n"] + command : command }

    /// The `nginx` object of the settings file at `path`.
    static func load(from path: String) throws -> NginxSettings {
        guard let data = FileManager.default.contents(atPath: path) else { throw NginxPluginError.noSettings }
        struct File: Decodable { var nginx: NginxSettings? }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw NginxPluginError.badSettings(path: path, detail: "\(error)")
        }
        guard let settings = file.nginx else { throw NginxPluginError.noSettings }
        guard !settings.test.isEmpty, !settings.reload.isEmpty else {
            throw NginxPluginError.badSettings(path: path, detail: "nginx.test and nginx.reload must be non-empty commands")
        }
        return settings
    }
}
