import Foundation
import PaasPluginKit
import PaasSupport

/// The apps' TLS certificates under the state root: `certs/APP/NAME/server.crt`, `server.key`
/// (mode 0600, in a folder only the owner may enter) and `info.json` (domains, expiry), plus
/// `certs/APP/redirect-https` while plain HTTP is redirected to HTTPS.
public struct CertStore: Sendable {
    /// `certs/` under the state root.
    public let directory: String

    public init(root: StateRoot) { directory = root.path + "/certs" }

    /// The certificates of `app`, by name.
    public func certificates(app: String) -> [StoredCertificate] {
        let folder = directory + "/" + app
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder + "/" + name + "/info.json"),
                let info = try? JSONDecoder().decode(CertificateInfo.self, from: data)
            else { return nil }
            return StoredCertificate(name: name, folder: folder + "/" + name, info: info)
        }
    }

    /// What the proxy needs of `app`'s certificates.
    public func proxyCertificates(app: String) -> [ProxyCertificate] {
        certificates(app: app).map {
            ProxyCertificate(name: $0.name, certFile: $0.certFile, keyFile: $0.keyFile, domains: $0.info.domains)
        }
    }

    /// Whether plain HTTP requests for `app` are redirected to HTTPS (when it has certificates).
    public func redirectsHTTPS(app: String) -> Bool {
        FileManager.default.fileExists(atPath: directory + "/" + app + "/redirect-https")
    }

    /// Turns the HTTPS redirect of `app` on or off.
    public func setRedirectHTTPS(app: String, _ on: Bool) throws {
        let file = directory + "/" + app + "/redirect-https"
        if on {
            try prepare(directory + "/" + app)
            try AtomicFile.write("1\n", to: file, mode: 0o644)
        } else {
            unlink(file)
        }
    }

    /// Stores `certificate` as `name` of `app`, replacing one of that name.
    public func add(app: String, name: String, certificate: ParsedCertificate) throws {
        let folder = directory + "/" + app + "/" + name
        let staging = directory + "/" + app + "/." + name + ".new"
        let fm = FileManager.default
        do {
            try prepare(directory + "/" + app)
            try? fm.removeItem(atPath: staging)
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try AtomicFile.write(certificate.certificatePEM, to: staging + "/server.crt", mode: 0o644)
            try AtomicFile.write(certificate.keyPEM, to: staging + "/server.key", mode: 0o600)
            try AtomicFile.write(try JSONEncoder().encode(certificate.info), to: staging + "/info.json", mode: 0o644)
            if fm.fileExists(atPath: folder) { try fm.removeItem(atPath: folder) }
            try fm.moveItem(atPath: staging, toPath: folder)
        } catch {
            try? fm.removeItem(atPath: staging)
            throw CertificateError.storage("cannot store the certificate under \(directory): \(error.localizedDescription)")
        }
    }

    /// Removes certificate `name` of `app` (every one when nil); returns the names removed.
    @discardableResult
    public func remove(app: String, name: String?) throws -> [String] {
        let names = certificates(app: app).map(\.name).filter { name == nil || $0 == name }
        for n in names { try? FileManager.default.removeItem(atPath: directory + "/" + app + "/" + n) }
        return names
    }

    /// Forgets everything of `app` (it is destroyed).
    public func removeApp(_ app: String) {
        try? FileManager.default.removeItem(atPath: directory + "/" + app)
    }

    private func prepare(_ folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(directory, 0o700)
    }
}

/// One stored certificate of an app.
public struct StoredCertificate: Sendable, Equatable {
    public var name: String
    public var folder: String
    public var info: CertificateInfo
    public var certFile: String { folder + "/server.crt" }
    public var keyFile: String { folder + "/server.key" }
}
