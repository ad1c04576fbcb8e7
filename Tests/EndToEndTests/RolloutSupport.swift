import DockerEngine
import Foundation
import PaasTestSupport
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The apps the rollout tests push: busybox httpd serving a version file.
enum RolloutApps {
    /// A Dockerfile app serving `version` at `/` (and `ok` at `/health` when `health`).
    /// `extraDockerfile` lines go before CMD; `command` replaces the httpd command.
    static func write(
        _ repo: GitFixture, version: String, health: Bool = true, appJSON: String? = nil,
        extraDockerfile: [String] = [], command: String = "httpd -f -p $PORT -h /www"
    ) throws {
        let lines = ["FROM paas/busybox:latest", "COPY www /www"] + extraDockerfile + ["CMD \(command)", ""]
        try repo.write("Dockerfile", lines.joined(separator: "\n"))
        try repo.write("www/index.html", version + "\n")
        if health {
            try repo.write("www/health", "ok\n")
        } else if FileManager.default.fileExists(atPath: repo.directory.file("www/health")) {
            try repo.remove("www/health")
        }
        if let appJSON {
            try repo.write("app.json", appJSON)
        } else if FileManager.default.fileExists(atPath: repo.directory.file("app.json")) {
            try repo.remove("app.json")
        }
    }

    /// A new repository with one commit of `version`.
    static func make(_ version: String) throws -> GitFixture {
        let repo = try GitFixture()
        try write(repo, version: version)
        try repo.commit(version)
        return repo
    }

    /// app.json whose web check GETs /health twice at most.
    static let healthJSON = #"{"healthchecks":{"web":[{"path":"/health","attempts":2}]}}"#
}

/// A `git push` running in its own process group (as in a terminal, where Ctrl+C reaches git and
/// its ssh), with every output line timestamped as it arrives.
final class PushProcess: Sendable {
    let pid: pid_t
    private let state = Mutex<(lines: [(at: ContinuousClock.Instant, text: String)], status: Int32?)>(([], nil))
    private let done = DispatchSemaphore(value: 0)

    convenience init(_ repo: GitFixture, harness: PaasHarness, app: String) throws {
        try self.init(repo, remote: harness.sshd.gitRemote(app), sshCommand: harness.sshd.gitSSHCommand)
    }

    /// `git push REMOTE main` from `repo` with `GIT_SSH_COMMAND=sshCommand`.
    init(_ repo: GitFixture, remote: String, sshCommand: String) throws {
        guard let git = Run.which("git") else { throw TestSupportError("git not found") }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TestSupportError("pipe failed") }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        let child: pid_t
        do {
            child = try BackgroundProcess.spawnInOwnGroup(
                git, ["-C", repo.path, "push", remote, "main"], environment: ["GIT_SSH_COMMAND": sshCommand],
                output: fds[1])
            close(fds[1])
        } catch {
            close(fds[0])
            close(fds[1])
            throw error
        }
        pid = child
        let reader = fds[0]
        Thread.detachNewThread { [self] in
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 8192)
            while true {
                let n = read(reader, &buffer, buffer.count)
                if n <= 0 { break }
                let now = ContinuousClock.now
                for byte in buffer[0..<n] {
                    // git rewrites progress lines with \r; treat it as a line end too.
                    if byte == 10 || byte == 13 {
                        if !pending.isEmpty {
                            let text = String(decoding: pending, as: UTF8.self)
                            state.withLock { $0.lines.append((now, text)) }
                        }
                        pending.removeAll()
                    } else {
                        pending.append(byte)
                    }
                }
            }
            close(reader)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            state.withLock { $0.status = status }
            done.signal()
        }
    }

    /// Every line so far, with when it arrived.
    var lines: [(at: ContinuousClock.Instant, text: String)] { state.withLock { $0.lines } }
    /// Everything printed so far.
    var output: String { lines.map(\.text).joined(separator: "\n") }
    /// Everything printed so far, each line prefixed with when it arrived (ms after the first).
    var timedOutput: String {
        let all = lines
        guard let first = all.first?.at else { return "" }
        return all.map { String(format: "%8.1f ", (first.duration(to: $0.at) / .milliseconds(1))) + $0.text }
            .joined(separator: "\n")
    }

    /// Waits until a line contains `text`; returns when it arrived.
    @discardableResult
    func waitForLine(containing text: String, timeout: Duration = .seconds(120)) -> ContinuousClock.Instant? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = lines.first(where: { $0.text.contains(text) }) { return line.at }
            if state.withLock({ $0.status }) != nil { return lines.first { $0.text.contains(text) }?.at }
            usleep(20_000)
        }
        return nil
    }

    /// When the first line containing `text` arrived.
    func time(of text: String) -> ContinuousClock.Instant? { lines.first { $0.text.contains(text) }?.at }
    /// When the last line containing `text` arrived.
    func lastTime(of text: String) -> ContinuousClock.Instant? { lines.last { $0.text.contains(text) }?.at }

    /// Ctrl+C: SIGINT to git's whole process group (git and its ssh).
    func interrupt() { kill(-pid, SIGINT) }

    /// Waits for git to end; its exit code (128+signal when killed), nil on timeout.
    func wait(timeout: Duration = .seconds(300)) -> Int32? {
        let seconds = Double(timeout.components.seconds)
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        done.signal()
        let status = state.withLock { $0.status } ?? 0
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

/// `scripts/loadgen.py` through the harness's nginx, in the background, until `stop()`.
final class LoadLoop: Sendable {
    struct Record: Decodable {
        var t: Double
        var status: Int
        var ms: Double
        var body: String
        var error: String?
        var ok: Bool { error == nil && (200..<300).contains(status) }
    }

    let records: String
    private let stopFile: String
    private let process: BackgroundProcess

    init(_ harness: PaasHarness, app: String, rate: Int = 100, seconds: Int = 300, keepalive: Bool = false) throws {
        records = harness.root.file("load-\(UUID().uuidString.prefix(8)).jsonl")
        stopFile = records + ".stop"
        var arguments = [
            TestPaths.repoRoot + "/scripts/loadgen.py", "--port", String(harness.proxy.port), "--host", harness.host(app),
            "--rate", String(rate), "--duration", String(seconds), "--timeout", "5", "--stop-file", stopFile,
            "--out", records,
        ]
        if keepalive { arguments.append("--keepalive") }
        guard let python = Run.which("python3") else { throw TestSupportError("python3 not found") }
        process = try BackgroundProcess(python, arguments, logFile: records + ".log")
    }

    /// Stops the load and returns every response it saw.
    func stop() throws -> [Record] {
        _ = FileManager.default.createFile(atPath: stopFile, contents: nil)
        _ = waitUntil(timeout: .seconds(20)) { !process.isRunning }
        process.stop()
        let text = try String(contentsOfFile: records, encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").map { try decoder.decode(Record.self, from: Data($0.utf8)) }
    }

    /// The summary line the load printed (its log).
    var summary: String { process.log }
}

enum RolloutProbe {
    /// Pids of `paas-pre-receive` processes whose environment has `PAAS_ROOT=root`.
    static func preReceivePIDs(root: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/exe"),
                exe.hasSuffix("/paas-pre-receive"),
                let environ = FileManager.default.contents(atPath: "/proc/\(entry)/environ")
            else { return nil }
            let vars = environ.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return vars.contains("PAAS_ROOT=\(root)") ? pid : nil
        }
    }
}

extension PaasHarness {
    /// The app's containers that paas runs for its processes, as `process:release` strings.
    func appContainers(_ app: String) throws -> [ContainerSummary] {
        try containers(app: app).filter { $0.labels["paas.role"] == "app" }
    }

    /// Waits until exactly `count` containers of `app` exist (all of them app containers).
    func waitForContainers(_ app: String, count: Int, timeout: Duration = .seconds(30)) -> Bool {
        waitUntil(timeout: timeout) { ((try? containers(app: app))?.count ?? -1) == count }
    }

    /// Whether the app's lock is free (`apps:unlock` says it is not locked).
    func lockIsFree(_ app: String) throws -> Bool {
        let result = try paas(["apps:unlock", app])
        return result.succeeded && result.stderrText.contains("not locked")
    }
}
