import PaasPluginKit

/// What HAProxy should do with one app's traffic, as the plugin keeps it on disk
/// (`state/APP.json`): every file HAProxy reads at start is rendered from these.
struct AppRoute: Codable, Equatable {
    /// A certificate as HAProxy loads it: one PEM file holding certificate, chain and key.
    struct Certificate: Codable, Equatable {
        var name: String
        /// `certs/APP.NAME.pem` in the plugin's folder.
        var file: String
        var domains: [String]
    }

    var app: String
    var domains: [String]
    var upstreams: [ProxyUpstream]
    var certificates: [Certificate]
    var redirectHTTPS: Bool
    /// The page to answer 503 with (one line), or nil when the app is not in maintenance.
    var maintenance: String?

    /// The backend that serves the app.
    var backend: String { Self.backend(app) }
    /// The name of `app`'s backend.
    static func backend(_ app: String) -> String { "app_" + app }

    /// The server name of `upstream`: unique per port, readable in `show stat`.
    /// A server's name in its backend: process, number and port, plus the address for one that
    /// is not on this host (swarm tasks on two nodes may have the same slot and port).
    static func serverName(_ upstream: ProxyUpstream) -> String {
        let base = "\(upstream.process)\(upstream.number)_\(upstream.port)"
        guard upstream.host != "127.0.0.1" else { return base }
        return base + "_" + upstream.host.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    /// The app's backend section (`apps/APP.cfg`).
    var backendSection: String {
        var text = """
            # Written by paas's haproxy plugin for \(app); changed at runtime, rewritten on every change.
            backend \(backend)
                option forwardfor
                http-request set-header X-Forwarded-Proto https if { ssl_fc }
                http-request set-header X-Forwarded-Proto http if !{ ssl_fc }
                http-request return status 503 content-type text/plain string "\(app) has no web process running\\n" if { nbsrv() eq 0 }

            """
        for u in upstreams {
            let host = u.host.contains(":") && !u.host.hasPrefix("[") ? "[\(u.host)]" : u.host
            text += "    server \(Self.serverName(u)) \(host):\(u.port)\n"
        }
        return text
    }
}
