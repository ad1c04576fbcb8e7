import AppSpec
import DockerEngine
import Foundation
import PaasStore
import PaasSupport
import Synchronization

/// Runs an app's release tasks — app.json `predeploy`, the Procfile's `release`, app.json
/// `postdeploy` — each in a throwaway container of the new image with the app's config.
/// Output streams to the pusher as it comes; the container is removed whatever happens
/// (success, failure, timeout, interrupt) and never committed, so nothing a task writes to
/// its files is kept.
public struct ReleaseTasks {
    /// When a task runs: predeploy and release before the rollout, postdeploy after it.
    public enum Phase: String, Sendable, CaseIterable {
        case predeploy, release, postdeploy
    }

    /// The label naming a task container's phase.
    public static let label = "paas.task"
    let platform: Platform
    let timeout: Double
    let cancellation: Cancellation
    /// Times each task that runs as its phase (see `timed(by:)`).
    private(set) var timer: PhaseTimer?

    /// Tasks on `platform` killed after `timeout` seconds, stopping when `cancellation` is set.
    public init(platform: Platform, timeout: Double, cancellation: Cancellation = .shared) {
        self.platform = platform
        self.timeout = timeout
        self.cancellation = cancellation
    }

    /// The task timeout of `app` in seconds (`Settings.tasksTimeout`).
    public static func timeout(app: String, store: Store) throws -> Double {
        try AppSettings.load(app: app, store: store)[Settings.tasksTimeout]
    }

    /// The command of `phase`: app.json's scripts for predeploy/postdeploy, the Procfile's `release`.
    public static func command(_ phase: Phase, appJSON: AppJSON?, procfile: Procfile?) -> String? {
        let command: String?
        switch phase {
        case .predeploy: command = appJSON?.scripts.predeploy
        case .release: command = procfile?["release"]
        case .postdeploy: command = appJSON?.scripts.postdeploy
        }
        return command.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
    }

    /// Runs `command` as task `phase` of `spec` (its image, config env and deploy id); does
    /// nothing when `command` is nil. Throws `TaskError` on a non-zero exit or a timeout.
    public func run(_ phase: Phase, command: String?, spec: ReleaseSpec) throws {
        guard let command else { return }
        if let timed = DeployPhase(rawValue: phase.rawValue) { timer?.begin(timed) }
        defer { if let timed = DeployPhase(rawValue: phase.rawValue) { timer?.end(timed) } }
        try cancellation.check()
        platform.step("Running \(phase.rawValue) task: \(command)")
        var container = ContainerSpec(image: spec.image)
        container.cmd = ["/bin/sh", "-c", command]
        container.env = spec.env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        container.labels = platform.labels(
            app: spec.app, role: .task,
            extra: [Self.label: phase.rawValue, Labels.deploy: spec.deployID, Labels.release: "v\(spec.version)"])
        container.hostConfig.`init` = true
        let id = try platform.docker.createContainer(name: "\(spec.app).\(phase.rawValue).\(spec.deployID)", container)
        defer { try? platform.cleanupDocker.removeContainer(id, force: true) }

        try cancellation.check()
        try platform.docker.startContainer(id)
        let watchdog = Watchdog(seconds: timeout) { [cleanup = platform.cleanupDocker] in
            try? cleanup.killContainer(id)
        }
        defer { watchdog.disarm() }
        var lines = OutputLines { platform.detail($0) }
        try platform.docker.containerLogs(id, follow: true, tail: nil) { stream, bytes in
            lines.feed(bytes, stderr: stream == .stderr)
        }
        lines.finish()
        try cancellation.check()
        let status = try platform.docker.waitContainer(id)
        if watchdog.fired { throw TaskError.timedOut(phase: phase.rawValue, seconds: timeout) }
        try cancellation.check()
        guard status == 0 else { throw TaskError.failed(phase: phase.rawValue, status: status) }
    }

    /// These tasks, each timed by `timer` as its deploy phase when it runs.
    public func timed(by timer: PhaseTimer) -> ReleaseTasks {
        var tasks = self
        tasks.timer = timer
        return tasks
    }
}

/// Kills a task that runs too long: calls `fire` once after `seconds` unless disarmed first.
final class Watchdog: Sendable {
    private let state = Mutex<(armed: Bool, fired: Bool)>((true, false))

    init(seconds: Double, fire: @escaping @Sendable () -> Void) {
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            // `fire` runs under the lock, so `disarm` returns only once a kill in progress is done.
            self.state.withLock { s in
                guard s.armed else { return }
                s.fired = true
                fire()
            }
        }
    }

    /// Whether the time ran out (and `fire` was called).
    var fired: Bool { state.withLock { $0.fired } }

    /// Stops the watchdog; once this returns, `fire` has either finished or will never run.
    func disarm() { state.withLock { $0.armed = false } }
}

/// A release task stopped the deploy.
public enum TaskError: Error, CustomStringConvertible, Equatable {
    case failed(phase: String, status: Int)
    case timedOut(phase: String, seconds: Double)

    public var description: String {
        switch self {
        case .failed(let phase, let status):
            return "release task '\(phase)' failed with status \(status)"
        case .timedOut(let phase, let seconds):
            let n = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
            return "\(phase) timed out after \(n)s (tasks:set APP timeout SECONDS allows longer)"
        }
    }
}
