/// The `data` of a `proxy-update` request: where an app's traffic must go now.
///
/// The core sends the whole desired state of one app each time (its domains, every upstream
/// that should receive traffic, its certificates); a proxy plugin makes its proxy match it.
public struct ProxyUpdate: Codable, Sendable, Equatable {
    /// The app whose routing changes.
    public var app: String
    /// Every domain the app answers to, the default one first.
    public var domains: [String]
    /// The app's default domain (`APP.DOMAIN`), when it has one.
    public var defaultDomain: String?
    /// The web containers that should receive the app's traffic; none: answer 503.
    public var upstreams: [ProxyUpstream]
    /// True when the app is gone and the proxy should forget it.
    public var removed: Bool
    /// The app's TLS certificates, chosen by SNI; empty: plain HTTP only.
    public var certificates: [ProxyCertificate]
    /// Whether plain HTTP requests for the app's domains are redirected to HTTPS.
    public var redirectHTTPS: Bool

    /// An update; TLS fields default to none.
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

    /// Reads an update; fields a core of an older version does not send take their defaults.
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
}

/// One container port that receives an app's traffic.
public struct ProxyUpstream: Codable, Sendable, Equatable, Hashable {
    /// The address it is published on (`127.0.0.1`).
    public var host: String
    /// The host port.
    public var port: Int
    /// The process type (`web`).
    public var process: String
    /// The instance number (`web.2` has 2).
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
