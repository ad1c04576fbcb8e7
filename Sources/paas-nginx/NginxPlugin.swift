import PaasPluginKit
import PaasSupport

/// The nginx proxy as a paas plugin: `proxy-update` writes an app's server block (or its
/// maintenance page) and reloads nginx; `app-destroy` removes it; `proxy-check` runs `nginx -t`.
struct NginxPlugin {
    let root: StateRoot
    let runner: any ProcessRunner

    /// Answers one request; every failure becomes a `stop` with a one-line reason.
    func handle(_ request: PluginRequest) -> PluginReply {
        do {
            switch request.name {
            case "proxy-update": return try proxyUpdate(request)
            case "app-destroy": return try appDestroy(request)
            case "proxy-check":
                try controller().check()
                return .continue
            default: return .continue
            }
        } catch {
            return .stop("\(error)")
        }
    }

    private func controller() throws -> NginxController {
        NginxController(
            directory: root.proxy, settings: try NginxSettings.load(from: root.settingsFile), runner: runner)
    }

    private func proxyUpdate(_ request: PluginRequest) throws -> PluginReply {
        let proxy = try ProxyRequest(data: request.data, app: request.app)
        let nginx = try controller()
        if proxy.removed {
            if try nginx.remove(app: proxy.app) { Plugin.log("-----> nginx: removed \(proxy.app)") }
            return .continue
        }
        let names = proxy.domains.isEmpty ? proxy.app : proxy.domains.joined(separator: ", ")
        let text: String
        let summary: String
        if let page = MaintenanceFlag.page(app: proxy.app, pluginsDirectory: root.plugins) {
            text = ServerBlock.maintenance(proxy, listen: nginx.settings.listen, page: page)
            summary = "\(names) → maintenance page"
        } else {
            text = ServerBlock.proxy(proxy, listen: nginx.settings.listen)
            summary = "\(names) → \(proxy.upstreams.count) upstream(s)"
        }
        if try nginx.apply(app: proxy.app, text: text) { Plugin.log("-----> nginx: \(summary), reloaded") }
        return .continue
    }

    private func appDestroy(_ request: PluginRequest) throws -> PluginReply {
        guard let app = request.app ?? request.data["app"]?.stringValue else { return .continue }
        try ProxyRequest.checkApp(app)
        if try controller().remove(app: app) { Plugin.log("-----> nginx: removed \(app)") }
        return .continue
    }
}
