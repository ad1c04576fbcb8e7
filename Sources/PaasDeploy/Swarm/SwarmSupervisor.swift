import DockerEngine
import Foundation
import PaasStore
import PaasSupport

/// The one resident part of a swarm install (`paas nodes:supervise`, started by the first
/// `nodes:add` and at boot by the `paas-swarm` unit): keeps the registry running, and points
/// the proxy at every swarm app's serving tasks when Swarm moves them (a node lost, a task
/// restarted), so traffic follows without any paas command. One runs per state root.
public struct SwarmSupervisor {
    let platform: Platform
    /// Time between two looks at the swarm.
    var interval: Duration = .milliseconds(500)

    public init(platform: Platform) { self.platform = platform }

    var pidFile: String { platform.root.swarm + "/supervisor.pid" }
    var logFile: String { platform.root.swarm + "/supervisor.log" }

    /// Starts a supervisor in the background unless one runs; failures are warnings.
    public static func ensureRunning(platform: Platform) {
        let supervisor = SwarmSupervisor(platform: platform)
        if supervisor.runningPID() != nil { return }
        do {
            try FileManager.default.createDirectory(atPath: platform.root.swarm, withIntermediateDirectories: true)
            var env = ProcessInfo.processInfo.environment
            env["PAAS_ROOT"] = platform.root.path
            _ = try DetachedProcess.spawn(
                executable: Executable.path, arguments: ["nodes:supervise"], logFile: supervisor.logFile, environment: env)
            platform.detail("Started the swarm supervisor (log: \(supervisor.logFile))")
        } catch {
            platform.log.line(" !     could not start the swarm supervisor: \(error); run paas nodes:supervise")
        }
    }

    /// The pid of the running supervisor, if one runs.
    public func runningPID() -> pid_t? {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)),
            DetachedProcess.isRunning(pid)
        else { return nil }
        return pid
    }

    /// Stops the running supervisor (and the registry, which it keeps running).
    public func stop() {
        if let pid = runningPID() { DetachedProcess.terminate(pid) }
        if let registry = try? SwarmRegistry.current(platform: platform) { registry.stop() }
    }

    /// Runs until SIGTERM: one look at the swarm every `interval`. Returns at once when another
    /// supervisor holds the lock.
    public func run() throws {
        try FileManager.default.createDirectory(atPath: platform.root.swarm, withIntermediateDirectories: true)
        let fd = open(platform.root.swarm + "/supervisor.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0, flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            platform.log.line("another swarm supervisor runs already")
            return
        }
        try AtomicFile.write(String(getpid()) + "\n", to: pidFile, mode: 0o644)
        var routed: [String: [Upstream]] = [:]
        var lastRegistryStart = ContinuousClock.now - .seconds(60)
        while !Cancellation.shared.isCancelled {
            do {
                if let registry = try? SwarmRegistry.current(platform: platform), !registry.status.answering,
                    ContinuousClock.now - lastRegistryStart > .seconds(5)
                {
                    lastRegistryStart = ContinuousClock.now
                    platform.log.line("\(Date()) registry not answering: starting it")
                    do { try registry.start() } catch { platform.log.line("\(Date()) could not start the registry: \(error)") }
                }
                try follow(&routed)
            } catch {
                platform.log.line("\(Date()) \(error)")
            }
            Thread.sleep(forTimeInterval: Double(interval.components.attoseconds) / 1e18 + Double(interval.components.seconds))
        }
        try? FileManager.default.removeItem(atPath: pidFile)
    }

    /// Re-points the proxy for every swarm app whose serving tasks changed, skipping apps a
    /// command holds the lock of (that command routes them itself).
    func follow(_ routed: inout [String: [Upstream]]) throws {
        let store = try platform.store
        guard try Cluster(platform: platform).managerAddress() != nil else { return }
        let nodes = try platform.cleanupDocker.listNodes()
        let router = SwarmRouter(platform: platform)
        for app in try store.apps().map(\.name) {
            guard try SchedulerChoice.isSwarm(app: app, store: store),
                !(try AppSettings.value(Settings.psStopped, app: app, store: store)),
                try store.liveRelease(app) != nil
            else {
                routed[app] = nil
                continue
            }
            // A command holding the app's lock routes it itself; what was routed before is kept,
            // so tasks still serving are not probed (and maybe dropped) again afterwards.
            if AppLock.holder(root: platform.root, app: app) != nil { continue }
            let before = routed[app]
            let now = try router.follow(app: app, current: before, nodes: nodes)
            if let before, before != now {
                let text = now.map { "\($0.host):\($0.port)" }.joined(separator: " ")
                platform.log.line("\(Date()) \(app): web now served by \(now.isEmpty ? "nothing" : text)")
            }
            routed[app] = now
        }
    }
}
