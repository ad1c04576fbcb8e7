import Foundation
import PaasSupport

/// `paas-haproxy setup`: writes the files HAProxy starts from (run by scripts/install.sh and by
/// the tests before HAProxy starts): the base `haproxy.cfg` with its frontend, empty maps, an
/// empty crt-list and a self-signed default certificate. Apps' files are never touched.
struct HAProxySetup {
    let settings: HAProxySettings
    let runner: any ProcessRunner

    func run() throws {
        let files = HAProxyFiles(directory: settings.directory)
        let fm = FileManager.default
        do {
            for dir in [settings.directory, files.appsDirectory, files.stateDirectory, files.certsDirectory] {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            }
            try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: files.certsDirectory)
            for map in [files.hostsMap, files.maintenanceMap, files.redirectMap, files.crtList] where !fm.fileExists(atPath: map) {
                try AtomicFile.write("", to: map, mode: 0o644)
            }
            if settings.https != nil && !fm.fileExists(atPath: files.defaultCertificate) { try makeDefaultCertificate(files) }
            try AtomicFile.write(Self.baseConfig(settings, files), to: files.baseConfig, mode: 0o644)
        } catch let error as HAProxyPluginError {
            throw error
        } catch {
            throw HAProxyPluginError.file("cannot write \(settings.directory): \(error)")
        }
        try ConfigChecker(settings: settings, files: files, runner: runner).check()
    }

    /// A self-signed certificate for clients that ask for no known name (openssl, argv only).
    private func makeDefaultCertificate(_ files: HAProxyFiles) throws {
        let key = settings.directory + "/.default.key", crt = settings.directory + "/.default.crt"
        defer {
            unlink(key)
            unlink(crt)
        }
        let result = try runner.run(
            ProcessSpec(
                executable: "/usr/bin/openssl",
                arguments: [
                    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt, "-days", "3650",
                    "-subj", "/CN=paas-default",
                ], stdout: .capture(limit: 65536), stderr: .capture(limit: 65536), timeout: .seconds(60)))
        guard result.succeeded, let c = fm(crt), let k = fm(key) else {
            throw HAProxyPluginError.file("openssl could not make the default certificate: \(result.stderrText)")
        }
        try files.writeCertificate(c + k, to: files.defaultCertificate)
    }

    private func fm(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    /// The base configuration: master-worker with an admin socket, one frontend routing by the
    /// Host header through the hosts map, maintenance and HTTPS redirects through their maps.
    static func baseConfig(_ s: HAProxySettings, _ f: HAProxyFiles) -> String {
        let host = "req.hdr(host),lower,word(1,:)"
        let logLines = logSettings(s.log)
        var text = """
            # Written by `paas-haproxy setup`; apps' backends are in apps/, routes in the maps.
            # paas changes the running HAProxy through the admin socket and keeps these files in step.
            global
                master-worker
                stats socket \(s.socket) mode 600 level admin expose-fd listeners\(s.socketUser.map { " user " + $0 } ?? "")
                stats timeout 30s
            \(logLines.global)
            defaults
                mode http
                timeout connect 5s
                timeout client 60s
                timeout server 60s
                timeout http-request 10s
                timeout http-keep-alive 60s
                retries 3
                option redispatch 1
                retry-on conn-failure empty-response
            \(logLines.defaults)
            frontend paas
                bind \(s.http)

            """
        if let https = s.https { text += "    bind \(https) ssl crt \(f.defaultCertificate) crt-list \(f.crtList)\n" }
        text += """
                http-request redirect scheme https code 301 if !{ ssl_fc } { \(host),map(\(f.redirectMap)) -m found }
                use_backend paas_maintenance if { \(host),map(\(f.maintenanceMap)) -m found }
                use_backend %[\(host),map(\(f.hostsMap))]
                default_backend paas_unknown

            backend paas_unknown
                http-request return status 404 content-type text/plain string "no app is served at this address\\n"

            backend paas_maintenance
                http-request return status 503 content-type text/plain lf-string "%[\(host),map(\(f.maintenanceMap))]\\n" hdr Retry-After 120

            """
        return text
    }

    /// The `global` and `defaults` lines that send HAProxy's log to `address` (each ends in a
    /// newline; empty without a log). A file descriptor gets ISO dates to the microsecond;
    /// a syslog socket or server its usual format.
    static func logSettings(_ address: String?) -> (global: String, defaults: String) {
        guard let address, !address.isEmpty else { return ("", "") }
        let direct = ["stdout", "stderr"].contains(address) || address.hasPrefix("fd@")
        return (
            "    log \(address)\(direct ? " format iso" : "") local0\n",
            "    log global\n    option httplog\n"
        )
    }
}
