import DockerEngine
import Foundation
import PaasSupport

/// The registry daemon on the main host: started detached (a session of its own, so it outlives
/// the paas command that started it), with its pid in `swarm/registry/registry.pid` and its
/// output in `swarm/registry/registry.log`.
public struct RegistryService: Sendable {
    /// Where the files are.
    public let paths: SwarmPaths
    /// Where it listens.
    public let address: RegistryAddress
    /// What to tell the user when it does not answer ("start it with `paas nodes:registry start`").
    public var startHint: String
    /// The registry program.
    public var executable = "/usr/bin/docker-registry"
    let runner: any ProcessRunner

    /// The registry for `address` with files under `paths`.
    public init(
        paths: SwarmPaths, address: RegistryAddress, startHint: String = "",
        runner: any ProcessRunner = PosixProcessRunner()
    ) {
        self.paths = paths
        self.address = address
        self.startHint = startHint
        self.runner = runner
    }

    /// Whether it runs and answers.
    public struct Status: Sendable, Equatable {
        /// The pid of the running registry, if one runs.
        public var pid: Int32?
        /// True when `GET /v2/` answered 200 over TLS trusted by the cluster CA.
        public var answering: Bool
    }

    /// Makes the CA, the certificate and the configuration as needed, then starts the registry
    /// unless it already runs, and waits up to `timeout` for it to answer. Returns its pid.
    @discardableResult
    public func start(timeout: Duration = .seconds(15)) throws(RegistryError) -> Int32 {
        try withSetupLock(paths.registryServiceLock) { () throws(RegistryError) in try startLocked(timeout: timeout) }
    }

    private func startLocked(timeout: Duration) throws(RegistryError) -> Int32 {
        let ca = ClusterCA(paths: paths, runner: runner)
        let remade = try ca.ensureServerCertificate(for: address)
        let config = RegistryConfig(address: address, paths: paths)
        let current = try? String(contentsOfFile: paths.registryConfig, encoding: .utf8)
        if let pid = runningPid() {
            if !remade && current == config.text, (try? probe(timeout: .seconds(2))) != nil { return pid }
            DetachedProcess.terminate(pid)
        }
        try config.write(to: paths.registryConfig)
        rotateLog()
        let pid: Int32
        do {
            pid = try DetachedProcess.spawn(
                executable: executable, arguments: ["serve", paths.registryConfig], logFile: paths.registryLog)
            try AtomicFile.write("\(pid)\n", to: paths.registryPidFile, mode: 0o600)
        } catch {
            throw .startFailed("\(error)")
        }
        let deadline = ContinuousClock.now + timeout
        while true {
            guard DetachedProcess.isRunning(pid) else {
                unlink(paths.registryPidFile)
                throw .startFailed("it exited: \(lastLogLine())")
            }
            do {
                try probe(timeout: .seconds(2))
                return pid
            } catch {
                if ContinuousClock.now >= deadline {
                    DetachedProcess.terminate(pid)
                    unlink(paths.registryPidFile)
                    throw .startFailed("no answer after \(timeout): \(error.description); log: \(lastLogLine())")
                }
            }
            usleep(100_000)
        }
    }

    /// Stops the registry if it runs (SIGTERM, then SIGKILL after `grace`) and removes its pidfile.
    public func stop(grace: Duration = .seconds(10)) {
        _ = try? withSetupLock(paths.registryServiceLock) { () throws(RegistryError) in
            if let pid = runningPid() { DetachedProcess.terminate(pid, grace: grace) }
            unlink(paths.registryPidFile)
        }
    }

    /// Whether it runs and answers.
    public func status(timeout: Duration = .seconds(3)) -> Status {
        let pid = runningPid()
        return Status(pid: pid, answering: pid != nil && isAnswering(timeout: timeout))
    }

    /// True when `GET https://ADDR:PORT/v2/` answers 200, trusting only the cluster CA.
    public func isAnswering(timeout: Duration = .seconds(3)) -> Bool {
        (try? probe(timeout: timeout)) != nil
    }

    /// Throws `RegistryError.notAnswering` (with the reason and `startHint`) unless
    /// `GET /v2/` answers 200 within `timeout`.
    public func probe(timeout: Duration = .seconds(3)) throws(RegistryError) {
        let client = CurlHTTPClient(caFile: paths.caCertificate, timeout: timeout)
        let reason: String
        do {
            let result = try client.perform("GET", address.baseURL + "/v2/")
            if result.status == 200 { return }
            reason = "it answered HTTP \(result.status)"
        } catch {
            switch error.kind {
            case .tls: reason = "its certificate is not one the cluster CA signed for \(address.host): \(error.detail)"
            default: reason = error.detail
            }
        }
        throw .notAnswering(address: address.description, reason: reason, hint: startHint)
    }

    /// The pid in the pidfile when that process is a running registry.
    public func runningPid() -> Int32? {
        guard let text = try? String(contentsOfFile: paths.registryPidFile, encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)),
            DetachedProcess.isRunning(pid, executable: executable)
        else { return nil }
        return pid
    }

    /// Keeps one older log (`registry.log.1`) once the log passes 10 MB, at each start.
    private func rotateLog() {
        let size = (try? FileManager.default.attributesOfItem(atPath: paths.registryLog)[.size] as? Int) ?? 0
        if size > 10 << 20 { rename(paths.registryLog, paths.registryLog + ".1") }
    }

    /// The last line of the log, or just its `msg="…"` when it is a logrus line.
    private func lastLogLine() -> String {
        let text = (try? String(contentsOfFile: paths.registryLog, encoding: .utf8)) ?? ""
        guard let line = text.split(whereSeparator: \.isNewline).last.map(String.init) else { return "(no output)" }
        guard let start = line.range(of: "msg=\""),
            let end = line[start.upperBound...].range(of: "\" ")?.lowerBound ?? line.lastIndex(of: "\"")
        else { return line }
        return String(line[start.upperBound..<end])
    }
}
