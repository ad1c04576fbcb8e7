import Foundation
import PaasSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The files HAProxy reads at start, kept in step with every runtime change so that a
/// restarted HAProxy serves exactly what the running one did: `haproxy.cfg` (written once by
/// `paas-haproxy setup`), `apps/APP.cfg`, the three host maps, `certs.list` and `certs/`.
struct HAProxyFiles {
    let directory: String

    var baseConfig: String { directory + "/haproxy.cfg" }
    var appsDirectory: String { directory + "/apps" }
    var stateDirectory: String { directory + "/state" }
    var certsDirectory: String { directory + "/certs" }
    /// host → backend.
    var hostsMap: String { directory + "/hosts.map" }
    /// host → maintenance page.
    var maintenanceMap: String { directory + "/maintenance.map" }
    /// host → 1, for hosts redirected to HTTPS.
    var redirectMap: String { directory + "/redirect.map" }
    /// The certificates served by SNI, with their domains.
    var crtList: String { directory + "/certs.list" }
    /// The certificate served when no other matches.
    var defaultCertificate: String { certsDirectory + "/default.pem" }

    func appFile(_ app: String) -> String { appsDirectory + "/" + app + ".cfg" }
    func stateFile(_ app: String) -> String { stateDirectory + "/" + app + ".json" }
    func certificateFile(app: String, name: String) -> String { certsDirectory + "/" + app + "." + name + ".pem" }

    // MARK: - Routes

    /// The route of `app` as last written, or nil.
    func route(_ app: String) -> AppRoute? {
        FileManager.default.contents(atPath: stateFile(app)).flatMap { try? JSONDecoder().decode(AppRoute.self, from: $0) }
    }

    /// Every app's route.
    func routes() -> [AppRoute] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: stateDirectory)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { route(String($0.dropLast(5))) }
    }

    /// Makes the files say `route` for its app (nil `route` with `app`: forget the app), and
    /// rewrites the shared maps and crt-list from every route.
    func write(_ route: AppRoute?, app: String) throws {
        let fm = FileManager.default
        do {
            for dir in [appsDirectory, stateDirectory, certsDirectory] {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            }
            if let route {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try Self.replace(stateFile(app), with: try encoder.encode(route))
                try Self.replace(appFile(app), with: Data(route.backendSection.utf8))
            } else {
                unlink(stateFile(app))
                unlink(appFile(app))
            }
            let all = routes()
            try Self.replace(hostsMap, with: Data(Self.hosts(all).utf8))
            try Self.replace(maintenanceMap, with: Data(Self.maintenance(all).utf8))
            try Self.replace(redirectMap, with: Data(Self.redirects(all).utf8))
            try Self.replace(crtList, with: Data(Self.crtList(all).utf8))
        } catch {
            throw HAProxyPluginError.file("cannot write \(directory): \(error)")
        }
    }

    /// Replaces `path` atomically with `data`, unless it holds that already (each write syncs).
    private static func replace(_ path: String, with data: Data) throws {
        if FileManager.default.contents(atPath: path) == data { return }
        try AtomicFile.write(data, to: path, mode: 0o644)
    }

    /// Writes the combined PEM of a certificate (mode 0600: it holds the key).
    func writeCertificate(_ pem: String, to file: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: certsDirectory, withIntermediateDirectories: true)
            try AtomicFile.write(pem, to: file, mode: 0o600)
        } catch {
            throw HAProxyPluginError.file("cannot write \(file): \(error)")
        }
    }

    // MARK: - Rendering

    static func hosts(_ routes: [AppRoute]) -> String {
        routes.flatMap { r in r.domains.map { "\($0) \(r.backend)\n" } }.joined()
    }

    static func maintenance(_ routes: [AppRoute]) -> String {
        routes.flatMap { r in r.maintenance.map { page in r.domains.map { "\($0) \(page)\n" } } ?? [] }.joined()
    }

    static func redirects(_ routes: [AppRoute]) -> String {
        routes.filter { $0.redirectHTTPS && !$0.certificates.isEmpty }.flatMap { r in r.domains.map { "\($0) 1\n" } }.joined()
    }

    static func crtList(_ routes: [AppRoute]) -> String {
        routes.flatMap { r in r.certificates.map { ([$0.file] + $0.domains).joined(separator: " ") + "\n" } }.joined()
    }
}
