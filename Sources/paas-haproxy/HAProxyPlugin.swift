import Foundation
import PaasPluginKit
import PaasSupport

/// HAProxy as a paas proxy plugin: `proxy-update` moves an app's traffic at runtime through
/// the admin socket (see `HAProxySwitch`), `app-destroy` forgets the app, and `pre-build`
/// refuses a deploy at once when HAProxy is not running.
struct HAProxyPlugin {
    let root: StateRoot
    let runner: any ProcessRunner

    /// Answers one request; every failure becomes a `stop` with a one-line reason.
    func handle(_ request: PluginRequest) -> PluginReply {
        do {
            switch request.name {
            case "proxy-update": return try proxyUpdate(request)
            case "app-destroy": return try appDestroy(request)
            case "pre-build":
                let settings = try HAProxySettings.load(root: root)
                guard HAProxySocket(path: settings.socket, timeout: .seconds(2)).answers else {
                    throw HAProxyPluginError.notRunning(socket: settings.socket, start: settings.start)
                }
                return .continue
            default: return .continue
            }
        } catch {
            return .stop("\(error)")
        }
    }

    private func switcher() throws -> HAProxySwitch {
        let settings = try HAProxySettings.load(root: root)
        let files = HAProxyFiles(directory: settings.directory)
        return HAProxySwitch(
            settings: settings, files: files, runtime: HAProxyRuntime(socket: HAProxySocket(path: settings.socket)),
            checker: ConfigChecker(settings: settings, files: files, runner: runner), log: Plugin.log)
    }

    private func proxyUpdate(_ request: PluginRequest) throws -> PluginReply {
        let update: ProxyUpdate
        do {
            var data = request.data
            if data["app"] == nil, let app = request.app, case .object(var object) = data {
                object["app"] = .string(app)
                data = .object(object)
            }
            update = try JSONDecoder().decode(ProxyUpdate.self, from: JSONEncoder().encode(data)).checked()
        } catch let error as ProxyUpdateError {
            throw HAProxyPluginError.badRequest(error.description)
        } catch {
            throw HAProxyPluginError.badRequest("cannot read the proxy-update request: \(error)")
        }
        let switcher = try switcher()
        let lock = try FileLock(path: switcher.settings.directory + "/.lock")
        defer { withExtendedLifetime(lock) {} }
        if update.removed {
            try switcher.apply(nil, app: update.app, pems: [:])
            Plugin.log("-----> haproxy: removed \(update.app)")
            return .continue
        }
        var pems: [String: String] = [:]
        var certificates: [AppRoute.Certificate] = []
        for cert in update.certificates {
            guard let crt = FileManager.default.contents(atPath: cert.certFile),
                let key = FileManager.default.contents(atPath: cert.keyFile)
            else { throw HAProxyPluginError.badRequest("cannot read certificate '\(cert.name)' (\(cert.certFile), \(cert.keyFile))") }
            let file = switcher.files.certificateFile(app: update.app, name: cert.name)
            pems[file] = Self.pem(crt) + Self.pem(key)
            certificates.append(AppRoute.Certificate(name: cert.name, file: file, domains: cert.domains))
        }
        let page = MaintenanceFlag.page(app: update.app, pluginsDirectory: root.plugins)
        let route = AppRoute(
            app: update.app, domains: update.domains, upstreams: update.upstreams, certificates: certificates,
            redirectHTTPS: update.redirectHTTPS,
            maintenance: page.map { String($0.split(separator: "\n").first ?? "").trimmingCharacters(in: .whitespaces) })
        let started = ContinuousClock.now
        let reloaded = try switcher.apply(route, app: update.app, pems: pems)
        let ms = (ContinuousClock.now - started).components
        let names = update.domains.isEmpty ? update.app : update.domains.joined(separator: ", ")
        let target = page != nil ? "maintenance page" : "\(update.upstreams.count) upstream(s)"
        Plugin.log("-----> haproxy: \(names) → \(target) (\(ms.seconds * 1000 + ms.attoseconds / 1_000_000_000_000_000) ms, \(reloaded ? "reloaded for a new backend" : "no reload"))")
        return .continue
    }

    private func appDestroy(_ request: PluginRequest) throws -> PluginReply {
        guard let app = request.app ?? request.data["app"]?.stringValue else { return .continue }
        do { try ProxyUpdate.checkApp(app) } catch { throw HAProxyPluginError.badRequest("\(error)") }
        let switcher = try switcher()
        guard switcher.files.route(app) != nil else { return .continue }
        let lock = try FileLock(path: switcher.settings.directory + "/.lock")
        defer { withExtendedLifetime(lock) {} }
        try switcher.apply(nil, app: app, pems: [:])
        Plugin.log("-----> haproxy: removed \(app)")
        return .continue
    }

    /// PEM text ending in exactly one newline.
    private static func pem(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }
}
