import Foundation
import PaasSupport
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A real HAProxy for one test, set up the way scripts/install.sh sets up the host's: its files
/// in `<state root>/haproxy` written by the built `paas-haproxy setup`, master-worker with the
/// admin socket there, HTTP and HTTPS on free 127.0.0.1 ports.
///
/// Runs in the foreground as this process's child (its own process group); `kill()` ends master
/// and worker at once, `start()` starts it again from the files on disk.
public final class TestHAProxy: TestProxy {
    /// The loopback port of HTTP.
    public let port: UInt16
    /// The loopback port of HTTPS.
    public let httpsPort: UInt16
    /// The folder of its files and sockets.
    public let directory: String
    /// The haproxy executable.
    public let executable: String
    /// Whether HAProxy logs every request and server state change to its output (`errorLog`):
    /// the `log` setting "stdout".
    public let logsRequests: Bool
    private let process = Mutex<BackgroundProcess?>(nil)

    /// Chooses the ports; nothing runs until `setup` and `start`. `logRequests` defaults to
    /// `PAAS_TEST_HAPROXY_LOG=1` in the environment (the Swarm benchmark sets it).
    public init(
        stateRoot: String, logRequests: Bool = ProcessInfo.processInfo.environment["PAAS_TEST_HAPROXY_LOG"] == "1"
    ) throws {
        logsRequests = logRequests
        guard let haproxy = Run.which("haproxy") else { throw TestSupportError("haproxy not found; install haproxy") }
        executable = haproxy
        directory = stateRoot + "/haproxy"
        port = try freeLoopbackPort()
        var second = try freeLoopbackPort()
        while second == port { second = try freeLoopbackPort() }
        httpsPort = second
    }

    deinit { stop() }

    /// The admin socket.
    public var socket: String { directory + "/admin.sock" }

    /// The arguments that start it in the foreground from its files.
    public var arguments: [String] {
        ["-W", "-S", directory + "/master.sock", "-f", directory + "/haproxy.cfg", "-f", directory + "/apps"]
    }

    /// The `haproxy` object of settings.json.
    public var settings: [String: Any] {
        var settings: [String: Any] = [
            "directory": directory, "http": "127.0.0.1:\(port)", "https": "127.0.0.1:\(httpsPort)",
            "executable": executable, "start": ([executable] + arguments).joined(separator: " "),
        ]
        if logsRequests { settings["log"] = "stdout" }
        return settings
    }

    /// Writes its files with `paas-haproxy setup` (settings.json must hold `settings`).
    public func setup(environment: [String: String]) throws {
        let result = try Run.command(TestPaths.binDirectory + "/paas-haproxy", ["setup"], environment: environment)
        guard result.succeeded else { throw TestSupportError("paas-haproxy setup failed: \(result.summary)") }
    }

    /// Starts HAProxy from the files and waits until it serves HTTP and its admin socket answers.
    public func start() throws {
        let started = try BackgroundProcess(executable, arguments, logFile: directory + "/haproxy.log")
        process.withLock { $0 = started }
        let up = waitUntil(timeout: .seconds(10)) {
            !started.isRunning || (loopbackPortAccepts(port) && FileManager.default.fileExists(atPath: socket))
        }
        guard up && started.isRunning else {
            started.stop()
            throw TestSupportError("test haproxy did not start: \(errorLog)")
        }
    }

    /// Ends master and workers at once with SIGKILL, as a crash would.
    public func kill() {
        process.withLock { current in
            if let current, current.isRunning { Glibc.kill(-current.pid, SIGKILL) }
            current?.stop()
            current = nil
        }
    }

    /// Stops it gracefully (safe to call twice).
    public func stop() {
        process.withLock { current in
            current?.stop()
            current = nil
        }
    }

    /// HAProxy's output, for failure messages.
    public var errorLog: String {
        (try? String(contentsOfFile: directory + "/haproxy.log", encoding: .utf8)) ?? ""
    }

    /// Sends one command to the admin socket (with python3, so the test does not reuse the
    /// product's client) and returns HAProxy's answer.
    public func command(_ line: String) throws -> String {
        let script = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX)
            s.connect(sys.argv[1])
            s.sendall(sys.argv[2].encode() + b"\\n")
            s.shutdown(socket.SHUT_WR)
            out = b""
            while True:
                d = s.recv(65536)
                if not d:
                    break
                out += d
            sys.stdout.write(out.decode())
            """
        let result = try Run.command("python3", ["-c", script, socket, line], timeout: .seconds(15))
        guard result.succeeded else { throw TestSupportError("haproxy command '\(line)' failed: \(result.summary)") }
        return result.stdoutText
    }

    /// The pid of the worker serving now (it changes on every reload).
    public func workerPID() throws -> Int? {
        try command("show info").split(separator: "\n").first { $0.hasPrefix("Pid:") }
            .flatMap { Int($0.dropFirst(4).trimmingCharacters(in: .whitespaces)) }
    }

    /// GET `https://host:HTTPS_PORT/path`, resolved to 127.0.0.1, trusting only `caFile`.
    public func getTLS(host: String, path: String = "/", caFile: String) throws -> (status: Int, body: String) {
        try curl(["--cacert", caFile, "--resolve", "\(host):\(httpsPort):127.0.0.1", "https://\(host):\(httpsPort)\(path)"])
    }
}
