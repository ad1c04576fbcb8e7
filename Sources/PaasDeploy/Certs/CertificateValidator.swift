import Foundation
import PaasSupport

/// Checks a certificate and key with `openssl` (run with argv, never a shell): both readable,
/// the key the certificate's, the certificate not expired; reads its subject, issuer, names
/// and end date.
struct CertificateValidator {
    let runner: any ProcessRunner
    var openssl = "/usr/bin/openssl"

    func validate(certificate: String, key: String) throws -> ParsedCertificate {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let crtFile = dir.path + "/server.crt", keyFile = dir.path + "/server.key"
        try AtomicFile.write(certificate, to: crtFile, mode: 0o600)
        try AtomicFile.write(key, to: keyFile, mode: 0o600)

        let x509 = try run(["x509", "-in", crtFile, "-noout", "-subject", "-issuer", "-enddate", "-ext", "subjectAltName", "-nameopt", "RFC2253"])
        guard x509.succeeded else { throw CertificateError.input("the certificate is not a valid PEM X.509 certificate") }
        let lines = x509.stdoutText.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        func value(_ prefix: String) -> String {
            lines.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) } ?? ""
        }
        let subject = value("subject=")
        let notAfter = value("notAfter=")
        if try !run(["x509", "-in", crtFile, "-noout", "-checkend", "0"]).succeeded {
            throw CertificateError.input("the certificate expired on \(notAfter): give a current one")
        }
        let pkey = try run(["pkey", "-in", keyFile, "-pubout"])
        guard pkey.succeeded else { throw CertificateError.input("the private key cannot be read (expected an unencrypted PEM key)") }
        let certKey = try run(["x509", "-in", crtFile, "-noout", "-pubkey"])
        guard certKey.succeeded, certKey.stdoutText == pkey.stdoutText else {
            throw CertificateError.input("the private key does not match the certificate")
        }
        var domains = lines.flatMap { line in
            line.split(separator: ",").compactMap { part -> String? in
                let p = part.trimmingCharacters(in: .whitespaces)
                return p.hasPrefix("DNS:") ? String(p.dropFirst(4)).lowercased() : nil
            }
        }
        if domains.isEmpty, let cn = subject.split(separator: ",").first(where: { $0.hasPrefix("CN=") }) {
            domains = [String(cn.dropFirst(3)).lowercased()]
        }
        guard !domains.isEmpty else { throw CertificateError.input("the certificate names no DNS name (subjectAltName or CN)") }
        return ParsedCertificate(
            certificatePEM: certificate, keyPEM: key,
            info: CertificateInfo(subject: subject, issuer: value("issuer="), domains: domains, notAfter: notAfter))
    }

    private func run(_ arguments: [String]) throws -> ProcessResult {
        do {
            return try runner.run(
                ProcessSpec(
                    executable: openssl, arguments: arguments, stdout: .capture(limit: 1 << 20), stderr: .capture(limit: 1 << 16),
                    timeout: .seconds(30)))
        } catch {
            throw CertificateError.input("cannot run \(openssl) to check the certificate: \(error) (install openssl)")
        }
    }
}

/// A folder only the owner may enter, for the moment a key is checked.
private struct TemporaryFolder {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/paas-cert.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw CertificateError.storage("cannot make a temporary folder: \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
