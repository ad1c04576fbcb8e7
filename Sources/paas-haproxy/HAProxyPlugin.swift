import Foundation
import PaasPluginKit
import PaasSupport

/// HAProxy as a paas proxy plugin: `proxy-update` moves an app's traffic at runtime through
/// the admin socket (see `HAProxySwitch`), `app-destroy` forgets the app, `pre-build`
/// refuses a deploy at once when HAProxy is not running, and `proxy-check` (during an upgrade)
/// checks HAProxy's files and that it answers.
struct HAProxyPlugin {
    let root: StateRoot
    let runner: any ProcessRunner

    /// Answers one request. On `proxy-update` and `pre-build` a failure becomes a `stop` with a
    /// one-line reason; `app-destroy` cannot stop, so a failure there is thrown (reported, exit
    /// status 1).
    func handle(_ request: PluginRequest) throws -> PluginReply {
        switch request.name {
        case Trigger.proxyUpdate.name:
            do {
                return try proxyUpdate(request.payload(.proxyUpdate))
            } catch {
                return .stop("\(error)")
            }
        case Trigger.appDestroy.name: return try appDestroy(request)
        case Trigger.preBuild.name:
            do {
                let settings = try HAProxySettings.load(root: root)
                guard HAProxySocket(path: settings.socket, timeout: .seconds(2)).answers else {
                    throw HAProxyPluginError.notRunning(socket: settings.socket, start: settings.start)
                }
                return .continue
            } catch {
                return .stop("\(error)")
            }
        case Trigger.proxyCheck.name:
            // An upgrade's check: the files a restart would read pass `haproxy -c`, and the
            // running HAProxy answers on its admin socket.
            do {
                _ = try request.payload(.proxyCheck)
                let settings = try HAProxySettings.load(root: root)
                try ConfigChecker(settings: settings, files: HAProxyFiles(directory: settings.directory), runner: runner)
                    .check()
                guard HAProxySocket(path: settings.socket, timeout: .seconds(2)).answers else {
                    throw HAProxyPluginError.notRunning(socket: settings.socket, start: settings.start)
                }
                return .continue
            } catch {
                return .stop("\(error)")
            }
        default: return .continue
        }
    }

    /// Started ahead of a `proxy-update`: goes once through what the switch reads before its
    /// first socket round trip (the settings, the app's route file, the maintenance flag, the
    /// checks of an update) and keeps none of it, so that at the switch it all runs warm.
    /// Reads only; changes nothing.
    func prepare(app: String?) {
        guard let switcher = try? switcher() else { return }
        _ = try? ProxyUpdate.samples.first?.checked()
        guard let app else { return }
        _ = switcher.files.route(app)
        _ = MaintenanceFlag.page(app: app, pluginsDirectory: root.plugins)
    }

    private func switcher() throws -> HAProxySwitch {
        let settings = try HAProxySettings.load(root: root)
        let files = HAProxyFiles(directory: settings.directory)
        return HAProxySwitch(
            settings: settings, files: files, runtime: HAProxyRuntime(socket: HAProxySocket(path: settings.socket)),
            checker: ConfigChecker(settings: settings, files: files, runner: runner), log: Plugin.log)
    }

    private func proxyUpdate(_ payload: ProxyUpdate) throws -> PluginReply {
        let started = ContinuousClock.now
        let update: ProxyUpdate
        do {
            update = try payload.checked()
        } catch let error as ProxyUpdateError {
            throw HAProxyPluginError.badRequest(error.description)
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
        var live: Duration?
        let reloaded = try switcher.apply(route, app: update.app, pems: pems) { live = ContinuousClock.now - started }
        let names = update.domains.isEmpty ? update.app : update.domains.joined(separator: ", ")
        let target = page != nil ? "maintenance page" : "\(update.upstreams.count) upstream(s)"
        let timing = live.map { "live in \(Self.ms($0)), " } ?? ""
        Plugin.log(
            "-----> haproxy: \(names) → \(target) (\(timing)done in \(Self.ms(ContinuousClock.now - started)), \(reloaded ? "reloaded for a new backend" : "no reload"))"
        )
        return .continue
    }

    private func appDestroy(_ request: PluginRequest) throws -> PluginReply {
        _ = try request.payload(.appDestroy)
        guard let app = request.app else { throw HAProxyPluginError.badRequest("app-destroy request names no app") }
        do { try ProxyUpdate.checkApp(app) } catch { throw HAProxyPluginError.badRequest("\(error)") }
        let switcher = try switcher()
        guard switcher.files.route(app) != nil else { return .continue }
        let lock = try FileLock(path: switcher.settings.directory + "/.lock")
        defer { withExtendedLifetime(lock) {} }
        try switcher.apply(nil, app: app, pems: [:])
        Plugin.log("-----> haproxy: removed \(app)")
        return .continue
    }

    /// "1.2 ms".
    private static func ms(_ d: Duration) -> String {
        String(format: "%.1f ms", Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000)
    }

    /// PEM text ending in exactly one newline.
    private static func pem(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }
}
