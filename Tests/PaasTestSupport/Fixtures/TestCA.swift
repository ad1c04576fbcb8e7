import Foundation

/// A certificate authority made for one test with openssl, and certificates it issues, so that
/// curl `--cacert` can check what the proxy serves.
public final class TestCA: Sendable {
    /// Holds the CA and every certificate issued.
    public let directory: TempDir

    /// The CA's certificate (for `curl --cacert`).
    public var caFile: String { directory.file("ca.crt") }

    /// Makes the CA (an EC key, valid 30 days).
    public init() throws {
        directory = try TempDir(prefix: "paas-ca")
        try openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
            directory.file("ca.key"), "-out", caFile, "-days", "30", "-subj", "/CN=paas test CA",
        ])
    }

    /// A certificate for `domains` (subjectAltName) signed by the CA, valid `days` days
    /// (negative: already expired), and its key, as PEM text.
    public func issue(_ name: String, domains: [String], days: Int = 30) throws -> (cert: String, key: String) {
        let key = directory.file("\(name).key"), csr = directory.file("\(name).csr"), crt = directory.file("\(name).crt")
        try openssl([
            "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", csr,
            "-subj", "/CN=\(domains[0])",
        ])
        try directory.write("\(name).ext", "subjectAltName=" + domains.map { "DNS:" + $0 }.joined(separator: ",") + "\n")
        try openssl([
            "x509", "-req", "-in", csr, "-CA", caFile, "-CAkey", directory.file("ca.key"), "-CAcreateserial", "-out", crt,
            "-days", String(days), "-extfile", directory.file("\(name).ext"),
        ])
        return (try String(contentsOfFile: crt, encoding: .utf8), try String(contentsOfFile: key, encoding: .utf8))
    }

    /// A tar holding `server.crt` and `server.key` (the form Dokku's certs:add takes).
    public func tar(cert: String, key: String) throws -> [UInt8] {
        let dir = try TempDir(prefix: "paas-certtar")
        try dir.write("server.crt", cert)
        try dir.write("server.key", key)
        let result = try Run.command("tar", ["-cf", "-", "-C", dir.path, "server.crt", "server.key"])
        guard result.succeeded else { throw TestSupportError("tar failed: \(result.summary)") }
        return result.stdout
    }

    private func openssl(_ arguments: [String]) throws {
        try Run.checked("openssl", arguments)
    }
}
