/// One backend the proxy sends an app's traffic to.
public struct Upstream: Sendable, Equatable, Codable {
    public var host: String
    public var port: Int
    public var process: String
    public var number: Int

    public init(host: String = "127.0.0.1", port: Int, process: String = "web", number: Int) {
        self.host = host
        self.port = port
        self.process = process
        self.number = number
    }
}

/// What routes HTTP traffic for an app's domains to its web containers.
public protocol Proxy: Sendable {
    /// Points `domains` of `app` at `upstreams` (none: answer 503), gracefully, and returns when
    /// new requests reach only `upstreams`.
    func update(app: String, domains: [String], upstreams: [Upstream]) throws
    /// Forgets `app`.
    func remove(app: String) throws
}

/// A proxy that routes nothing (hosts without nginx; unit tests).
public struct NoProxy: Proxy {
    public init() {}
    public func update(app: String, domains: [String], upstreams: [Upstream]) throws {}
    public func remove(app: String) throws {}
}
