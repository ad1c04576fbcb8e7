import Foundation
import PaasSupport

/// The certificate authority of one paas cluster, made once with openssl on the main host
/// (`swarm/ca/ca.key|ca.crt`), and the registry's TLS certificate it signs for the address the
/// nodes reach it on (made again when that address changes). Keys are 0600 in 0700 folders;
/// openssl runs with argv only.
public struct ClusterCA: Sendable {
    /// Where the files are.
    public let paths: SwarmPaths
    let runner: any ProcessRunner
    var openssl = "/usr/bin/openssl"
    /// How long certificates are valid, in days.
    static let caDays = 3650, serverDays = 825
    /// A server certificate is renewed when it ends within this many seconds (30 days).
    static let renewWithin = 30 * 24 * 3600

    /// The CA under `paths`, running openssl with `runner`.
    public init(paths: SwarmPaths, runner: any ProcessRunner = PosixProcessRunner()) {
        self.paths = paths
        self.runner = runner
    }

    /// The CA certificate (PEM), the text to install as `certs.d/ADDR:PORT/ca.crt` on a node;
    /// makes the CA first when there is none.
    public func certificatePEM() throws(RegistryError) -> String {
        try ensureAuthority()
        do {
            return try String(contentsOfFile: paths.caCertificate, encoding: .utf8)
        } catch {
            throw .file("cannot read \(paths.caCertificate): \(error.localizedDescription)")
        }
    }

    /// Makes the CA key and certificate unless both exist.
    public func ensureAuthority() throws(RegistryError) {
        try withSetupLock(paths.caLock) { () throws(RegistryError) in try makeAuthority() }
    }

    private func makeAuthority() throws(RegistryError) {
        let fm = FileManager.default
        if fm.fileExists(atPath: paths.caKey) && fm.fileExists(atPath: paths.caCertificate) { return }
        try makeFolder(paths.caFolder)
        let key = paths.caKey + ".new", crt = paths.caCertificate + ".new"
        try run(
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key, "-out", crt, "-days", String(Self.caDays), "-subj", "/CN=paas cluster CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ], what: "the cluster CA")
        chmod(key, 0o600)
        guard rename(key, paths.caKey) == 0, rename(crt, paths.caCertificate) == 0 else {
            throw .file("cannot store the cluster CA in \(paths.caFolder): \(String(cString: strerror(errno)))")
        }
    }

    /// Makes sure the registry's key and certificate exist, are signed by this CA, name exactly
    /// `address`'s IP, and do not end within 30 days; makes them again otherwise.
    /// Returns true when it made them.
    @discardableResult
    public func ensureServerCertificate(for address: RegistryAddress) throws(RegistryError) -> Bool {
        try ensureAuthority()
        return try withSetupLock(paths.caLock) { () throws(RegistryError) in
            if isCurrent(for: address) { return false }
            try makeServerCertificate(for: address)
            return true
        }
    }

    private func makeServerCertificate(for address: RegistryAddress) throws(RegistryError) {
        try makeFolder(paths.registryFolder)
        let key = paths.registryKey + ".new", csr = paths.registryFolder + "/registry.csr"
        let crt = paths.registryCertificate + ".new", ext = paths.registryFolder + "/registry.ext"
        defer {
            unlink(csr)
            unlink(ext)
        }
        try run(
            [
                "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key, "-out", csr, "-subj", "/CN=\(address.host)",
            ], what: "the registry's key")
        chmod(key, 0o600)
        do {
            try AtomicFile.write(
                "subjectAltName=IP:\(address.host)\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n",
                to: ext, mode: 0o600)
        } catch {
            throw .file("\(error)")
        }
        let serial = "0x" + (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        try run(
            [
                "x509", "-req", "-in", csr, "-CA", paths.caCertificate, "-CAkey", paths.caKey, "-set_serial",
                serial, "-days", String(Self.serverDays), "-extfile", ext, "-out", crt,
            ], what: "the registry's certificate")
        guard rename(key, paths.registryKey) == 0, rename(crt, paths.registryCertificate) == 0 else {
            throw .file("cannot store the registry's certificate: \(String(cString: strerror(errno)))")
        }
    }

    /// The IP addresses the certificate at `path` is valid for (its subjectAltName).
    public func ipAddresses(inCertificate path: String) throws(RegistryError) -> [String] {
        let result = try run(["x509", "-in", path, "-noout", "-ext", "subjectAltName"], what: "a certificate's names")
        return result.stdoutText.split(whereSeparator: { $0 == "," || $0.isNewline }).compactMap { part in
            let item = part.trimmingCharacters(in: .whitespaces)
            return item.hasPrefix("IP Address:") ? String(item.dropFirst("IP Address:".count)) : nil
        }
    }

    // MARK: - Helpers

    private func isCurrent(for address: RegistryAddress) -> Bool {
        let fm = FileManager.default
        guard fm.fileExists(atPath: paths.registryKey), fm.fileExists(atPath: paths.registryCertificate),
            (try? ipAddresses(inCertificate: paths.registryCertificate)) == [address.host]
        else { return false }
        let verified = try? run(
            ["verify", "-CAfile", paths.caCertificate, paths.registryCertificate], what: "", checked: false)
        let lasting = try? run(
            ["x509", "-in", paths.registryCertificate, "-noout", "-checkend", String(Self.renewWithin)], what: "",
            checked: false)
        return verified?.succeeded == true && lasting?.succeeded == true
    }

    private func makeFolder(_ path: String) throws(RegistryError) {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .file("cannot create \(path): \(error.localizedDescription)")
        }
        chmod(path, 0o700)
    }

    @discardableResult
    private func run(_ arguments: [String], what: String, checked: Bool = true) throws(RegistryError) -> ProcessResult {
        let result: ProcessResult
        do {
            result = try runner.run(
                ProcessSpec(
                    executable: openssl, arguments: arguments, stdout: .capture(limit: 1 << 16),
                    stderr: .capture(limit: 1 << 16), timeout: .seconds(30)))
        } catch {
            throw .certificate("cannot run \(openssl): \(error) (install openssl)")
        }
        if checked && !result.succeeded {
            let why = result.stderrText.split(whereSeparator: \.isNewline).last.map(String.init) ?? "\(result.status)"
            throw .certificate("openssl failed making \(what): \(why)")
        }
        return result
    }
}
