import PaasPluginKit
import PaasPlugins
import PaasSupport

/// The proxy as plugins provide it: each change fires `proxy-update` (the nginx plugin, or any
/// other proxy plugin, does the routing). With no proxy plugin installed nothing routes, and
/// apps are reachable only on their loopback ports.
public struct PluginProxy: Proxy {
    let plugins: PluginRunner
    let log: Terminal

    public init(plugins: PluginRunner, log: Terminal = .err) {
        self.plugins = plugins
        self.log = log
    }

    public func update(app: String, domains: [String], upstreams: [Upstream]) throws {
        try fire(app: app, domains: domains, upstreams: upstreams, removed: false)
    }

    public func remove(app: String) throws {
        try fire(app: app, domains: [], upstreams: [], removed: true)
    }

    private func fire(app: String, domains: [String], upstreams: [Upstream], removed: Bool) throws {
        let update = ProxyUpdate(
            app: app, domains: domains, defaultDomain: domains.first,
            upstreams: upstreams.map { ProxyUpstream(host: $0.host, port: $0.port, process: $0.process, number: $0.number) },
            removed: removed)
        _ = try plugins.fireOrThrow(.proxyUpdate, app: app, payload: update, log: log)
    }
}
