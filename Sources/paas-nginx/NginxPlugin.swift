import Foundation
import PaasPluginKit
import PaasSupport

/// The nginx proxy as a paas plugin: `proxy-update` writes an app's server block (or its
/// maintenance page) and reloads nginx; `app-destroy` removes it.
struct NginxPlugin {
    let root: StateRoot
    let runner: any ProcessRunner

    /// Answers one request; every failure becomes a `stop` with a one-line reason.
    func handle(_ request: PluginRequest) -> PluginReply {
        do {
            switch request.name {
            case "proxy-update": return try proxyUpdate(request)
            case "app-destroy": return try appDestroy(request)
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
        let proxy = try Self.update(request)
        let nginx = try controller()
        if proxy.removed {
            if try nginx.remove(app: proxy.app) { Plugin.log("-----> nginx: removed \(proxy.app)") }
            return .continue
        }
        let names = proxy.domains.isEmpty ? proxy.app : proxy.domains.joined(separator: ", ")
        let text: String
        let summary: String
        if let page = MaintenanceFlag.page(app: proxy.app, pluginsDirectory: root.plugins) {
            text = ServerBlock.maintenance(proxy, settings: nginx.settings, page: page)
            summary = "\(names) → maintenance page"
        } else {
            text = ServerBlock.proxy(proxy, settings: nginx.settings)
            summary = "\(names) → \(proxy.upstreams.count) upstream(s)"
                + (proxy.certificates.isEmpty ? "" : ", \(proxy.certificates.count) certificate(s)")
        }
        if try nginx.apply(app: proxy.app, text: text) { Plugin.log("-----> nginx: \(summary), reloaded") }
        return .continue
    }

    /// The request's `ProxyUpdate`, checked so that every value can go into a config file.
    static func update(_ request: PluginRequest) throws -> ProxyUpdate {
        var data = request.data
        if data["app"] == nil, let app = request.app, case .object(var object) = data {
            object["app"] = .string(app)
            data = .object(object)
        }
        do {
            return try JSONDecoder().decode(ProxyUpdate.self, from: JSONEncoder().encode(data)).checked()
        } catch let error as ProxyUpdateError {
            throw NginxPluginError.badRequest(error.description)
        } catch {
            throw NginxPluginError.badRequest("cannot read the proxy-update request: \(error)")
        }
    }

    private func appDestroy(_ request: PluginRequest) throws -> PluginReply {
        guard let app = request.app ?? request.data["app"]?.stringValue else { return .continue }
        do { try ProxyUpdate.checkApp(app) } catch { throw NginxPluginError.badRequest("\(error)") }
        if try controller().remove(app: app) { Plugin.log("-----> nginx: removed \(app)") }
        return .continue
    }
}
