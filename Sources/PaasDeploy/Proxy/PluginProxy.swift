import Foundation
import PaasPluginKit
import PaasPlugins
import PaasSupport

/// The proxy as plugins provide it: each change fires `proxy-update` with a `ProxyUpdate`
/// (the haproxy or nginx plugin, or any other proxy plugin, does the routing). With no proxy
/// plugin installed nothing routes, and apps are reachable only on their loopback ports.
public struct PluginProxy: Proxy {
    let plugins: PluginRunner
    let certs: CertStore?
    let log: Terminal

    /// A proxy firing `proxy-update` through `plugins`, with `certs`' certificates for each app.
    public init(plugins: PluginRunner, certs: CertStore? = nil, log: Terminal = .err) {
        self.plugins = plugins
        self.certs = certs
        self.log = log
    }

    public func logging(to log: Terminal, plugins: PluginRunner) -> any Proxy {
        PluginProxy(plugins: plugins, certs: certs, log: log)
    }

    public func update(app: String, domains: [String], upstreams: [Upstream]) throws {
        try fire(payload(app: app, domains: domains, upstreams: upstreams))
    }

    /// The request is made and encoded now (the certificates read, the JSON written); applying
    /// it writes it to the proxy plugin, started ahead when its manifest allows.
    public func prepareUpdate(app: String, domains: [String], upstreams: [Upstream]) throws -> ProxyChange {
        let prepared = plugins.prepare(.proxyUpdate, app: app, payload: payload(app: app, domains: domains, upstreams: upstreams))
        return ProxyChange { [plugins, log] in _ = try plugins.fireOrThrow(prepared, log: log) }
    }

    private func payload(app: String, domains: [String], upstreams: [Upstream]) -> ProxyUpdate {
        ProxyUpdate(
            app: app, domains: domains, defaultDomain: domains.first,
            upstreams: upstreams.map { ProxyUpstream(host: $0.host, port: $0.port, process: $0.process, number: $0.number) },
            certificates: certs?.proxyCertificates(app: app) ?? [],
            redirectHTTPS: certs?.redirectsHTTPS(app: app) ?? false)
    }

    public func remove(app: String) throws {
        try fire(ProxyUpdate(app: app, domains: [], upstreams: [], removed: true))
    }

    private func fire(_ update: ProxyUpdate) throws {
        _ = try plugins.fireOrThrow(.proxyUpdate, app: update.app, payload: update, log: log)
    }
}
