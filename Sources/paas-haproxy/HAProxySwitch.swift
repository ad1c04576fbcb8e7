import Foundation
import PaasPluginKit

/// Moves one app's traffic in the running HAProxy to match a route, without a reload: new
/// servers are added and made ready, the host maps and certificates change, and only then are
/// the servers that left drained, waited for until their sessions reach 0, and deleted. The
/// same state is written to the files first, so a restarted HAProxy serves the same.
///
/// An app HAProxy has no backend for yet (its first deploy, or after `app-destroy`) needs its
/// section loaded: that one change reloads HAProxy through the master socket.
struct HAProxySwitch {
    let settings: HAProxySettings
    let files: HAProxyFiles
    let runtime: HAProxyRuntime
    let checker: ConfigChecker
    let log: (String) -> Void

    /// Makes HAProxy serve `route` for `app` (nil: forget `app`); `pems` are the combined PEMs
    /// of the route's certificates by file. `live` is called once the new servers take traffic
    /// (before the old ones drain).
    /// - Returns: whether HAProxy had to be reloaded (a new backend).
    @discardableResult
    func apply(_ route: AppRoute?, app: String, pems: [String: String], live: () -> Void = {}) throws -> Bool {
        let backend = AppRoute.backend(app)
        let wanted = (route?.upstreams ?? []).map { (name: AppRoute.serverName($0), host: $0.host, port: $0.port) }
        let old = files.route(app)
        // The servers of the route written last, and left out now, stop taking new requests in
        // the same round trip; they are drained and deleted after the files follow.
        let leaving = (old?.upstreams ?? []).map(AppRoute.serverName).filter { name in !wanted.contains { $0.name == name } }
        // The switch itself, first and in one round trip: each upstream added (kept when it
        // exists) and made ready, the leaving ones set to drain. New requests reach only the new
        // servers from here; the files, maps and certificates follow, and the servers that left
        // are waited for and deleted last.
        let hasBackend: Bool
        let present: [RuntimeServer]?
        do {
            hasBackend = try runtime.addServers(backend, wanted, draining: leaving)
            if hasBackend && !wanted.isEmpty { live() }
            present = try runtime.serversIfAny(backend)
        } catch let error as HAProxyPluginError where error.isSocketFailure {
            throw HAProxyPluginError.notRunning(socket: settings.socket, start: settings.start)
        }
        if let route, !hasBackend || present == nil {
            try writeFiles(route, app: app, pems: pems)
            do {
                try reload(expecting: route.backend)
            } catch {
                try? files.write(old, app: app)
                throw error
            }
            return true
        }
        let running = present ?? []
        do {
            for w in wanted where !running.contains(where: { $0.name == w.name && $0.address == w.host && $0.port == w.port }) {
                throw HAProxyPluginError.refused(
                    command: "add server \(backend)/\(w.name)", answer: "a server of that name has another address")
            }
            let changedPEMs = try writeFiles(route, app: app, pems: pems)
            try certificates(from: old, to: route, changed: changedPEMs)
            try maps(from: old, to: route, backend: backend)
            for s in running where !wanted.contains(where: { $0.name == s.name }) { try retire(backend, s) }
            return false
        } catch {
            try? files.write(old, app: app)
            // Undone as far as it goes: the servers that were leaving take requests again.
            for name in leaving { try? runtime.setState(backend, name, .ready) }
            throw error
        }
    }

    /// Writes the certificates' PEMs that changed and the route's files; returns the PEMs written.
    @discardableResult
    private func writeFiles(_ route: AppRoute?, app: String, pems: [String: String]) throws -> Set<String> {
        var changed: Set<String> = []
        for (file, pem) in pems where FileManager.default.contents(atPath: file) != Data(pem.utf8) {
            try files.writeCertificate(pem, to: file)
            changed.insert(file)
        }
        try files.write(route, app: app)
        return changed
    }

    // MARK: - Steps

    private func certificates(from old: AppRoute?, to new: AppRoute?, changed: Set<String>) throws {
        let inMemory = try runtime.certificates()
        let oldCerts = old?.certificates ?? []
        for cert in new?.certificates ?? [] {
            let pem = (try? String(contentsOfFile: cert.file, encoding: .utf8)) ?? ""
            if !inMemory.contains(cert.file) {
                try runtime.storeCertificate(cert.file, pem: pem, isNew: true)
                try runtime.addToCrtList(files.crtList, cert.file, domains: cert.domains)
                continue
            }
            if changed.contains(cert.file) { try runtime.storeCertificate(cert.file, pem: pem, isNew: false) }
            if let before = oldCerts.first(where: { $0.file == cert.file }), before.domains != cert.domains {
                try runtime.run("del ssl crt-list \(files.crtList) \(cert.file)", expect: "deleted")
                try runtime.addToCrtList(files.crtList, cert.file, domains: cert.domains)
            }
        }
        for cert in oldCerts where !(new?.certificates ?? []).contains(where: { $0.file == cert.file }) {
            if inMemory.contains(cert.file) { try runtime.removeCertificate(files.crtList, cert.file) }
            unlink(cert.file)
        }
    }

    private func maps(from old: AppRoute?, to new: AppRoute?, backend: String) throws {
        let domains = Set((old?.domains ?? []) + (new?.domains ?? []))
        let wanted = new?.domains ?? []
        let redirect = (new?.redirectHTTPS ?? false) && !(new?.certificates.isEmpty ?? true)
        try sync(files.hostsMap, domains: domains) { wanted.contains($0) ? backend : nil }
        try sync(files.maintenanceMap, domains: domains) { wanted.contains($0) ? new?.maintenance : nil }
        try sync(files.redirectMap, domains: domains) { wanted.contains($0) && redirect ? "1" : nil }
    }

    /// Makes the map of `file` hold `value(domain)` for each of `domains` (nil: no entry).
    private func sync(_ file: String, domains: Set<String>, value: (String) -> String?) throws {
        let current = try runtime.map(file)
        for domain in domains.sorted() {
            let want = value(domain)
            guard current[domain] != want else { continue }
            if current[domain] != nil { try runtime.deleteMap(file, domain) }
            if let want { try runtime.addMap(file, domain, want) }
        }
    }

    /// Drains `server`, waits until its sessions reach 0 (at most `drainTimeout`), then puts it
    /// in maintenance, closes what is left and deletes it.
    private func retire(_ backend: String, _ server: RuntimeServer) throws {
        try runtime.setState(backend, server.name, .drain)
        let deadline = ContinuousClock.now + .milliseconds(Int(settings.drainTimeout * 1000))
        var delay: UInt32 = 500
        while ContinuousClock.now < deadline {
            let now = try runtime.servers(backend).first { $0.name == server.name }
            if (now?.sessions ?? 0) == 0 { break }
            usleep(delay)
            delay = min(delay * 2, 20_000)
        }
        try runtime.setState(backend, server.name, .maint)
        try runtime.shutdownSessions(backend, server.name)
        // Idle connections to it close a moment after maintenance begins.
        var lastError: Error?
        for _ in 0..<100 {
            do {
                try runtime.deleteServer(backend, server.name)
                return
            } catch {
                lastError = error
                usleep(10_000)
            }
        }
        log(" !     haproxy: \(backend)/\(server.name) stays in maintenance: \(lastError.map { "\($0)" } ?? "")")
    }

    /// Reloads HAProxy through the master socket once the files pass `haproxy -c`, and waits
    /// until the new worker answers with `backend` loaded.
    private func reload(expecting backend: String) throws {
        try checker.check()
        let master = HAProxySocket(path: settings.masterSocket, timeout: .seconds(10))
        _ = try? master.send("reload")
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            if let names = try? runtime.backends(), names.contains(backend) { return }
            usleep(5_000)
        }
        throw HAProxyPluginError.reload("the new worker did not load \(backend) within 15 s (see HAProxy's log)")
    }
}
