import Foundation
import PaasSupport

/// A real nginx for one test: its own prefix, main config and proxy folder, listening on a free
/// 127.0.0.1 port where a default server answers 404, and on another for HTTPS (a self-signed
/// default certificate; apps' certificates come in their server blocks). Server blocks the product writes into
/// `proxyDirectory` must `listen` on `listen` (the same address and port).
///
/// Runs in the foreground as this process's child (`daemon off`); stopped by `stop()` or when
/// released. `reloadCommand()` and `testCommand()` are what paas's settings should hold.
public final class TestNginx: TestProxy {
    /// The loopback port nginx listens on.
    public let port: UInt16
    /// The loopback port of HTTPS.
    public let httpsPort: UInt16
    /// nginx's prefix: holds the config, pid file, error log and temp folders.
    public let directory: TempDir
    /// The folder whose `*.conf` files are included in the `http` block.
    public let proxyDirectory: String
    /// The main configuration file.
    public let configFile: String
    /// The pid file of the master process.
    public let pidFile: String
    /// The nginx executable.
    public let executable: String
    private let process: BackgroundProcess

    /// The `listen` value for server blocks: `127.0.0.1:PORT`.
    public var listen: String { "127.0.0.1:\(port)" }
    /// The `listen` value for HTTPS server blocks, without `ssl`.
    public var listenTLS: String { "127.0.0.1:\(httpsPort)" }

    /// Starts nginx and waits until its port accepts connections.
    /// - Parameter proxyDirectory: the folder to include `*.conf` from; `directory/proxy` if nil.
    public init(proxyDirectory: String? = nil) throws {
        guard let nginx = Run.which("nginx") else { throw TestSupportError("nginx not found; install nginx-light") }
        let directory = try TempDir(prefix: "paas-nginx")
        let proxy = proxyDirectory ?? directory.file("proxy")
        try FileManager.default.createDirectory(atPath: proxy, withIntermediateDirectories: true)
        try directory.directory("temp")
        executable = nginx
        pidFile = directory.file("nginx.pid")
        configFile = directory.file("nginx.conf")
        self.proxyDirectory = proxy
        self.directory = directory

        try Run.checked(
            "openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                directory.file("default.key"), "-out", directory.file("default.crt"), "-days", "30", "-subj", "/CN=nginx-default",
            ])
        var lastError = ""
        for _ in 0..<3 {
            let port = try freeLoopbackPort()
            var httpsPort = try freeLoopbackPort()
            while httpsPort == port { httpsPort = try freeLoopbackPort() }
            let config = """
                worker_processes 1;
                error_log \(directory.file("error.log")) warn;
                pid \(pidFile);
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path \(directory.file("temp/body"));
                    proxy_temp_path \(directory.file("temp/proxy"));
                    include \(proxy)/*.conf;
                    server {
                        listen 127.0.0.1:\(port) default_server;
                        return 404;
                    }
                    server {
                        listen 127.0.0.1:\(httpsPort) ssl default_server;
                        ssl_certificate \(directory.file("default.crt"));
                        ssl_certificate_key \(directory.file("default.key"));
                        return 404;
                    }
                }

                """
            try directory.write("nginx.conf", config)
            let process = try BackgroundProcess(
                nginx, ["-p", directory.path, "-c", configFile, "-g", "daemon off;"],
                logFile: directory.file("stderr.log"))
            let up = waitUntil(timeout: .seconds(10)) { !process.isRunning || loopbackPortAccepts(port) }
            if up && process.isRunning {
                self.port = port
                self.httpsPort = httpsPort
                self.process = process
                return
            }
            process.stop()
            let errors = (try? String(contentsOfFile: directory.file("error.log"), encoding: .utf8)) ?? ""
            lastError = (process.log + errors).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        throw TestSupportError("test nginx did not start: \(lastError.isEmpty ? "no output" : lastError)")
    }

    deinit { process.stop() }

    /// Stops nginx (safe to call twice).
    public func stop() { process.stop() }

    /// The master's pid.
    public var pid: pid_t { process.pid }

    /// The command that checks this instance's configuration (`nginx -p P -c C -t`).
    public func testCommand() -> [String] { [executable, "-p", directory.path, "-c", configFile, "-t"] }

    /// The command that reloads this instance gracefully (`nginx -p P -c C -s reload`).
    public func reloadCommand() -> [String] { [executable, "-p", directory.path, "-c", configFile, "-s", "reload"] }

    /// Checks the configuration; throws with nginx's message when it is invalid.
    public func test() throws {
        let command = testCommand()
        try Run.checked(command[0], Array(command.dropFirst()))
    }

    /// Reloads gracefully; throws with nginx's message when the reload command fails.
    public func reload() throws {
        let command = reloadCommand()
        try Run.checked(command[0], Array(command.dropFirst()))
    }

    /// nginx's error log, for failure messages.
    public var errorLog: String {
        (try? String(contentsOfFile: directory.file("error.log"), encoding: .utf8)) ?? ""
    }
}
