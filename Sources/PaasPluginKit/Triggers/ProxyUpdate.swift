/// `proxy-update`: route an app's domains to these upstreams (or forget the app). The proxy must
/// be in force when the plugin replies.
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

    /// A payload.
    public init(app: String, domains: [String], defaultDomain: String?, upstreams: [ProxyUpstream], removed: Bool) {
        self.app = app
        self.domains = domains
        self.defaultDomain = defaultDomain
        self.upstreams = upstreams
        self.removed = removed
    }
    public static var samples: [ProxyUpdate] {
        [
            ProxyUpdate(
                app: "web", domains: ["web.example.com", "www.example.org"], defaultDomain: "web.example.com",
                upstreams: [ProxyUpstream(host: "127.0.0.1", port: 49153, process: "web", number: 1)], removed: false),
            ProxyUpdate(app: "web", domains: [], defaultDomain: nil, upstreams: [], removed: true),
        ]
    }
}

/// One upstream of `proxy-update`: a container port published on the host.
public struct ProxyUpstream: Codable, Sendable, Equatable {
    /// The address (`127.0.0.1`).
    public var host: String
    /// The published port.
    public var port: Int
    /// The container's process type.
    public var process: String
    /// Its instance number.
    public var number: Int

    /// An upstream.
    public init(host: String, port: Int, process: String, number: Int) {
        self.host = host
        self.port = port
        self.process = process
        self.number = number
    }
}

extension Trigger where Payload == ProxyUpdate, Changes == NoChanges {
    /// Before the proxy is switched; a failure fails the deploy and the old version keeps serving.
    public static var proxyUpdate: Self { Self("proxy-update", canStop: true, summary: "before the proxy is switched") }
}
