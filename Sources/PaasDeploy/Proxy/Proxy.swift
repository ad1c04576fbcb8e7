import PaasPlugins
import PaasSupport

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
    /// The `update` of `app` to `upstreams`, made ready now to be applied later: a rollout
    /// prepares its switch while the new containers are checked.
    func prepareUpdate(app: String, domains: [String], upstreams: [Upstream]) throws -> ProxyChange
    /// The same proxy with its warnings going to `log` and its plugins run by `plugins`.
    func logging(to log: Terminal, plugins: PluginRunner) -> any Proxy
}

extension Proxy {
    /// By default the proxy prints nothing and runs no plugin: itself.
    public func logging(to log: Terminal, plugins: PluginRunner) -> any Proxy { self }

    /// By default nothing is done ahead: the change is the `update` itself.
    public func prepareUpdate(app: String, domains: [String], upstreams: [Upstream]) throws -> ProxyChange {
        ProxyChange { try self.update(app: app, domains: domains, upstreams: upstreams) }
    }
}

/// A proxy change made ready ahead (`Proxy.prepareUpdate`).
public struct ProxyChange: Sendable {
    /// Makes the change; returns when new requests reach only the new upstreams.
    public let apply: @Sendable () throws -> Void

    public init(apply: @escaping @Sendable () throws -> Void) { self.apply = apply }
}

/// A proxy that routes nothing (hosts without nginx; unit tests).
public struct NoProxy: Proxy {
    public init() {}
    public func update(app: String, domains: [String], upstreams: [Upstream]) throws {}
    public func remove(app: String) throws {}
}
