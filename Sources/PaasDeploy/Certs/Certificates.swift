import Foundation
import PaasPluginKit
import PaasStore
import PaasSupport

/// `certs:add`, `certs:remove`, `certs:set`: changes an app's certificates under its lock and
/// moves the proxy (haproxy: at runtime; nginx: with its reload). A change the proxy refuses
/// is undone.
public struct Certificates {
    let platform: Platform

    public init(platform: Platform) { self.platform = platform }

    var store: CertStore { CertStore(root: platform.root) }

    /// Adds the certificate and key in `input` to `app` as `name` (default: its first DNS
    /// name), replacing one of that name. Returns it and, when it names none of the app's
    /// domains, a warning.
    public func add(app: String, input: [UInt8], name: String?) throws -> (StoredCertificate, warning: String?) {
        _ = try platform.store.requireApp(app)
        let (certificate, key) = try CertificateInput.split(input)
        let parsed = try CertificateValidator(runner: platform.runner).validate(certificate: certificate, key: key)
        let chosen = name ?? parsed.info.domains[0].replacingOccurrences(of: "*", with: "_wildcard")
        guard !chosen.isEmpty, chosen.count <= 100,
            chosen.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || "-._".contains($0)) }),
            chosen.first != "."
        else { throw CertificateError.input("'\(chosen)' is not a certificate name: use lower-case letters, digits, '.', '-', '_'") }
        let domains = try Domains.all(app: app, platform: platform)
        let covered = domains.filter { d in parsed.info.domains.contains { ProxyCertificate.name($0, covers: d) } }
        let warning = covered.isEmpty
            ? "the certificate is for \(parsed.info.domains.joined(separator: ", ")), none of \(app)'s domains (\(domains.joined(separator: ", ")))"
            : nil
        try change(app: app) {
            let previous = store.certificates(app: app).first { $0.name == chosen }
            let backup = try previous.map { p in
                ParsedCertificate(
                    certificatePEM: try String(contentsOfFile: p.certFile, encoding: .utf8),
                    keyPEM: try String(contentsOfFile: p.keyFile, encoding: .utf8), info: p.info)
            }
            try store.add(app: app, name: chosen, certificate: parsed)
            return {
                if let backup { try? store.add(app: app, name: chosen, certificate: backup) } else { _ = try? store.remove(app: app, name: chosen) }
            }
        }
        let stored = store.certificates(app: app).first { $0.name == chosen }!
        return (stored, warning)
    }

    /// Removes certificate `name` of `app` (every one when nil); returns the names removed.
    public func remove(app: String, name: String?) throws -> [String] {
        _ = try platform.store.requireApp(app)
        let existing = store.certificates(app: app).filter { name == nil || $0.name == name }
        guard !existing.isEmpty else {
            throw CertificateError.input(name.map { "\(app) has no certificate named '\($0)'" } ?? "\(app) has no certificate")
        }
        let backups = try existing.map { p in
            (p.name, ParsedCertificate(
                certificatePEM: try String(contentsOfFile: p.certFile, encoding: .utf8),
                keyPEM: try String(contentsOfFile: p.keyFile, encoding: .utf8), info: p.info))
        }
        try change(app: app) {
            try store.remove(app: app, name: name)
            return { for (n, c) in backups { try? store.add(app: app, name: n, certificate: c) } }
        }
        return existing.map(\.name)
    }

    /// Turns the HTTP-to-HTTPS redirect of `app` on or off.
    public func setRedirectHTTPS(app: String, _ on: Bool) throws {
        _ = try platform.store.requireApp(app)
        let before = store.redirectsHTTPS(app: app)
        try change(app: app) {
            try store.setRedirectHTTPS(app: app, on)
            return { try? store.setRedirectHTTPS(app: app, before) }
        }
    }

    /// Runs `apply` under the app's lock, then points the proxy at the result; when the proxy
    /// refuses, runs the undo `apply` returned and re-points it.
    private func change(app: String, _ apply: () throws -> () -> Void) throws {
        let lock = try Deployer(platform: platform).acquireLock(app: app, why: "a certificate change by \(platform.user)")
        defer { lock.release() }
        let undo = try apply()
        guard try platform.store.liveRelease(app) != nil else { return }
        do {
            try Reconciler(platform: platform).reconcile(app: app)
        } catch {
            undo()
            _ = try? Reconciler(platform: platform).reconcile(app: app)
            throw error
        }
    }
}
