/// `proxy-update`: where an app's traffic must go now, or forget the app. The proxy must be in
/// force when the plugin replies.
///
/// The core sends the whole desired state of one app each time (its domains, every upstream
/// that should receive traffic, its certificates); a proxy plugin makes its proxy match it.
public struct ProxyUpdate: TriggerPayload {
    /// The app routed.
    public var app: String
    /// Every domain of the app, the default first.
    public var domains: [String]
    /// The default domain (`APP.DOMAIN`); absent when the app is removed.
    public var defaultDomain: String?
    /// Where to send traffic; none means answer 503.
    public var upstreams: [ProxyUpstream]
    /// True: forget the app (renamed away or destroyed).
    public var removed: Bool
    /// The app's TLS certificates, chosen by SNI; empty: plain HTTP only.
    public var certificates: [ProxyCertificate]
    /// Whether plain HTTP requests for the app's domains are redirected to HTTPS.
    public var redirectHTTPS: Bool

    /// A payload; TLS fields default to none.
    public init(
        app: String, domains: [String], defaultDomain: String? = nil, upstreams: [ProxyUpstream], removed: Bool = false,
        certificates: [ProxyCertificate] = [], redirectHTTPS: Bool = false
    ) {
        self.app = app
        self.domains = domains
        self.defaultDomain = defaultDomain
        self.upstreams = upstreams
        self.removed = removed
        self.certificates = certificates
        self.redirectHTTPS = redirectHTTPS
    }

    private enum CodingKeys: String, CodingKey {
        case app, domains, defaultDomain, upstreams, removed, certificates, redirectHTTPS
    }

    /// Reads an update; fields an older core does not send take their defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        app = try c.decode(String.self, forKey: .app)
        domains = try c.decodeIfPresent([String].self, forKey: .domains) ?? []
        defaultDomain = try c.decodeIfPresent(String.self, forKey: .defaultDomain)
        upstreams = try c.decodeIfPresent([ProxyUpstream].self, forKey: .upstreams) ?? []
        removed = try c.decodeIfPresent(Bool.self, forKey: .removed) ?? false
        certificates = try c.decodeIfPresent([ProxyCertificate].self, forKey: .certificates) ?? []
        redirectHTTPS = try c.decodeIfPresent(Bool.self, forKey: .redirectHTTPS) ?? false
    }

    public static var samples: [ProxyUpdate] {
        [
            ProxyUpdate(
                app: "web", domains: ["web.example.com", "www.example.org"], defaultDomain: "web.example.com",
                upstreams: [ProxyUpstream(host: "127.0.0.1", port: 49153, process: "web", number: 1)], removed: false,
                certificates: [
                    ProxyCertificate(
                        name: "www", certFile: "/var/lib/paas/certs/web/www.crt", keyFile: "/var/lib/paas/certs/web/www.key",
                        domains: ["www.example.org"])
                ], redirectHTTPS: true),
            ProxyUpdate(app: "web", domains: [], defaultDomain: nil, upstreams: [], removed: true),
        ]
    }
}

/// One upstream of `proxy-update`: a web container at its address on its app's network and the
/// port it listens on there (a swarm task: its node's address and published port; a container
/// with no address: 127.0.0.1 and its published port).
public struct ProxyUpstream: Codable, Sendable, Equatable, Hashable {
    /// The address: the container's on its app's network, a swarm node's, or `127.0.0.1`.
    public var host: String
    /// The port there.
    public var port: Int
    /// The container's process type.
    public var process: String
    /// Its instance number (`web.2` has 2).
    public var number: Int

    /// An upstream.
    public init(host: String, port: Int, process: String, number: Int) {
        self.host = host
        self.port = port
        self.process = process
        self.number = number
    }
}

/// A certificate and its key, stored by the core under the state root (the key mode 0600).
public struct ProxyCertificate: Codable, Sendable, Equatable, Hashable {
    /// Its name within the app (`certs:report` shows it; `certs:remove APP NAME` removes it).
    public var name: String
    /// The PEM certificate (with its chain) file.
    public var certFile: String
    /// The PEM private key file.
    public var keyFile: String
    /// The DNS names it is valid for (its subjectAltName), which SNI selects it by.
    public var domains: [String]

    /// A certificate.
    public init(name: String, certFile: String, keyFile: String, domains: [String]) {
        self.name = name
        self.certFile = certFile
        self.keyFile = keyFile
        self.domains = domains
    }
}

extension Trigger where Payload == ProxyUpdate, Changes == NoChanges {
    /// Before the proxy is switched; a failure fails the deploy and the old version keeps serving.
    public static var proxyUpdate: Self { Self("proxy-update", canStop: true, summary: "before the proxy is switched") }
}
