import DockerEngine
import Foundation
import PaasDeploy
import PaasSupport

/// Finds an upgrade whose helper died (killed, or the host rebooted) and completes its rollback
/// before the command at hand does anything. Every `paas` command calls it first; when no
/// upgrade is unfinished it costs one stat(2).
public struct UpgradeRecovery {
    let root: StateRoot
    let paths: UpgradePaths
    let log: Terminal
    let docker: @Sendable () -> DockerClient
    let labels: @Sendable () -> [String: String]

    public init(
        root: StateRoot, log: Terminal, docker: @escaping @Sendable () -> DockerClient,
        labels: @escaping @Sendable () -> [String: String]
    ) {
        self.root = root
        self.paths = UpgradePaths(root: root)
        self.log = log
        self.docker = docker
        self.labels = labels
    }

    /// Completes an interrupted upgrade's rollback, saying so; does nothing when there is none
    /// (or its helper still works). Throws when the rollback could not be completed.
    public func completeIfInterrupted() throws {
        guard let gate = UpgradeGate.current(root),
            ProcessInfo.processInfo.environment[UpgradeGate.passVariable] != gate.id,
            !HelperLock.isHeld(paths)
        else { return }
        let file = StatusFile(paths: paths)
        guard var status = try file.load(), status.id == gate.id else {
            try? FileManager.default.removeItem(atPath: paths.gate)
            return
        }
        let helper = HelperContainer(docker: docker(), settings: try UpgradeSettings.load(root), labels: labels())
        switch status.state {
        case .pending:
            // The command that asked for it may still be starting its helper.
            if helper.exists(name: status.helper) || Date().timeIntervalSince(status.started) < 60 { return }
            status.state = .rolledBack
            status.interrupted = true
            status.failure = UpgradeStatus.Failure(
                step: 0, name: "start the helper", command: "POST /containers/start \(status.helper)",
                output: "the helper never started; nothing was changed")
            status.finished = Date()
            try file.save(status)
            try? FileManager.default.removeItem(atPath: paths.gate)
            log.line(" !     paas: \(status.summary)")
        case .running, .rollingBack, .rollbackFailed:
            let step = status.steps.last.map { "step \($0.number) (\($0.name))" } ?? "its start"
            log.line(
                " !     paas: the \(status.kind.rawValue) \(status.id) to \(status.to.version) was interrupted at \(step); "
                    + "completing its rollback to \(status.from.version) first")
            let name = status.helper + "-rollback-" + String(Int(Date().timeIntervalSince1970))
            try helper.start(name: name, id: status.id, orchestrator: paths.orchestrator(status.id), root: root)
            let follower = UpgradeFollower(root: root, log: log) {
                helper.exists(name: $0) || helper.exists(name: name)
            }
            let final = try follower.follow(status.id, cancellation: Cancellation())
            guard final.state == .rolledBack else {
                throw UpgradeError.failed(
                    "the rollback of \(status.id) did not complete: \(final.summary); see upgrade:log")
            }
            log.line(" !     paas: rolled back: paas \(final.from.version) is in place; now running your command")
        case .succeeded, .rolledBack:
            try? FileManager.default.removeItem(atPath: paths.gate)
        }
    }
}
