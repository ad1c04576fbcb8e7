import Foundation
import PaasPluginKit
import PaasSupport

/// The nginx proxy as a paas plugin: `proxy-update` writes an app's server block (or its
/// maintenance page) and reloads nginx; `app-destroy` (fired once a destroy can no longer be
/// refused) removes it; `proxy-check` runs `nginx -t`.
struct NginxPlugin {
    let root: StateRoot
    let runner: any ProcessRunner

    /// Answers one request. On `proxy-update` a failure becomes a `stop` with a one-line reason;
    /// `app-destroy` cannot stop, so a failure there is thrown (reported, exit status 1).
    func handle(_ request: PluginRequest) throws -> PluginReply {
        switch request.name {
        case Trigger.proxyUpdate.name:
            do {
                return try proxyUpdate(request.payload(.proxyUpdate))
            } catch {
                return .stop("\(error)")
            }
        case Trigger.appDestroy.name: return try appDestroy(request)
        case Trigger.proxyCheck.name:
            do {
                _ = try request.payload(.proxyCheck)
                try controller().check()
                return .continue
            } catch {
                return .stop("\(error)")
            }
        default: return .continue
        }
    }

    private func controller() throws -> NginxController {
        NginxController(
            directory: root.proxy, settings: try NginxSettings.load(from: root.settingsFile), runner: runner)
    }

    private func proxyUpdate(_ update: ProxyUpdate) throws -> PluginReply {
        let proxy = try Self.checked(update)
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

    /// `update` checked so that every value can go into a config file.
    static func checked(_ update: ProxyUpdate) throws -> ProxyUpdate {
        do {
            return try update.checked()
        } catch let error as ProxyUpdateError {
            throw NginxPluginError.badRequest(error.description)
        }
    }

    private func appDestroy(_ request: PluginRequest) throws -> PluginReply {
        _ = try request.payload(.appDestroy)
        guard let app = request.app else { throw NginxPluginError.badRequest("app-destroy request names no app") }
        do { try ProxyUpdate.checkApp(app) } catch { throw NginxPluginError.badRequest("\(error)") }
        guard FileManager.default.fileExists(atPath: root.proxy + "/" + app + ".conf") else { return .continue }
        if try controller().remove(app: app) { Plugin.log("-----> nginx: removed \(app)") }
        return .continue
    }
}
