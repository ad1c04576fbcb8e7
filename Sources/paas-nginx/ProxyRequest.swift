import PaasPluginKit

/// One upstream of an app, checked: a container port published on the host.
struct Upstream: Equatable {
    var host: String
    var port: Int
    var process: String
    var number: Int
}

/// A `proxy-update` payload, checked so that every value can be written into an nginx
/// configuration file as is.
struct ProxyRequest: Equatable {
    var app: String
    var domains: [String]
    var upstreams: [Upstream]
    var removed: Bool

    /// Checks `update`; the default domain comes first.
    init(_ update: ProxyUpdate) throws {
        try Self.checkApp(update.app)
        app = update.app
        removed = update.removed
        var domains = update.domains
        if let first = update.defaultDomain, !domains.contains(first) { domains.insert(first, at: 0) }
        for domain in domains where !Self.isDomain(domain) {
            throw NginxPluginError.badRequest(
                "'\(domain)' is not a domain name nginx can serve (letters, digits, '.', '-', '*')")
        }
        self.domains = domains
        upstreams = try update.upstreams.map { u in
            guard Self.isHost(u.host) else {
                throw NginxPluginError.badRequest("upstream host '\(u.host)' is not a host name or address")
            }
            guard (1...65535).contains(u.port) else {
                throw NginxPluginError.badRequest("upstream port \(u.port) is not in 1...65535")
            }
            return Upstream(
                host: u.host, port: u.port, process: u.process.allSatisfy(Self.isNameCharacter) ? u.process : "?",
                number: u.number)
        }
    }

    /// Throws unless `app` is an app name (it names a file and an nginx upstream).
    static func checkApp(_ app: String) throws {
        guard let first = app.first, first.isASCII, first.isLetter || first.isNumber, app.allSatisfy(isNameCharacter)
        else { throw NginxPluginError.badRequest("'\(app)' is not an app name") }
    }

    private static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLowercase || c.isNumber || c == "-")
    }

    private static func isDomain(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 253
            && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-*_".contains($0)) }
    }

    private static func isHost(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-:[]".contains($0)) }
    }
}
