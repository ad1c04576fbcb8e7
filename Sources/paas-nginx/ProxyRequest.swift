import PaasPluginKit

/// One upstream of an app: a container port published on the host.
struct Upstream: Equatable {
    var host: String
    var port: Int
    var process: String
    var number: Int
}

/// The `data` of a `proxy-update` request, checked so that every value can be written into an
/// nginx configuration file as is.
struct ProxyRequest: Equatable {
    var app: String
    var domains: [String]
    var upstreams: [Upstream]
    var removed: Bool

    /// Reads `data`; `app` comes from `data.app`, else from the request's `app`.
    init(data: JSONValue, app requestApp: String?) throws {
        guard let app = data["app"]?.stringValue ?? requestApp else {
            throw NginxPluginError.badRequest("proxy-update request names no app")
        }
        try Self.checkApp(app)
        self.app = app
        removed = data["removed"]?.boolValue ?? false
        var domains = (data["domains"]?.arrayValue ?? []).compactMap(\.stringValue)
        if let first = data["defaultDomain"]?.stringValue, !domains.contains(first) { domains.insert(first, at: 0) }
        for domain in domains where !Self.isDomain(domain) {
            throw NginxPluginError.badRequest("'\(domain)' is not a domain name nginx can serve (letters, digits, '.', '-', '*')")
        }
        self.domains = domains
        upstreams = try (data["upstreams"]?.arrayValue ?? []).map { value in
            guard let host = value["host"]?.stringValue, let port = value["port"]?.intValue else {
                throw NginxPluginError.badRequest("an upstream lacks host or port")
            }
            guard Self.isHost(host) else { throw NginxPluginError.badRequest("upstream host '\(host)' is not a host name or address") }
            guard (1...65535).contains(port) else { throw NginxPluginError.badRequest("upstream port \(port) is not in 1...65535") }
            let process = value["process"]?.stringValue ?? "web"
            return Upstream(
                host: host, port: port, process: process.allSatisfy(Self.isNameCharacter) ? process : "?",
                number: value["number"]?.intValue ?? 0)
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
        !s.isEmpty && s.count <= 253 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-*_".contains($0)) }
    }

    private static func isHost(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-:[]".contains($0)) }
    }
}
