import Foundation
import PaasDeploy
import PaasSupport

extension UpgradeRunner {
    /// Puts the old version back: binaries, plugins, proxy files and database when step 3 had
    /// started (the new binary may have touched the database from then on), then a re-sync and
    /// the same checks as step 6. The gate comes down only when all of it worked.
    func rollBack() {
        status.state = .rollingBack
        save()
        let reached = status.lastStep
        let snapshot = snapshotStore
        var ok = true
        func action(_ name: String, _ body: () throws -> String) {
            do {
                let message = try body()
                rollbackLine(name, "done", message)
            } catch {
                ok = false
                rollbackLine(name, "failed", "\(error)")
                if status.failure == nil {
                    let failure =
                        error as? StepFailure ?? StepFailure(command: "(the helper itself)", output: "\(error)")
                    status.failure = UpgradeStatus.Failure(
                        step: 0, name: "rollback: " + name, command: failure.command, output: failure.output)
                }
            }
        }
        if reached >= 3 {
            action("binaries") {
                let kept = ((try? FileManager.default.contentsOfDirectory(atPath: snapshot.bin)) ?? []).sorted()
                try installer.installBinaries(
                    kept, from: snapshot.bin, into: status.binDirectory, remove: snapshot.absent())
                return "put back \(kept.joined(separator: ", "))"
            }
            action("plugins") {
                try installer.restorePlugins(from: snapshot.plugins)
                let removed = snapshot.restoreProxyFiles()
                return "plugins put back"
                    + (removed.isEmpty ? "" : "; removed proxy files \(removed.joined(separator: ", "))")
            }
            action("database") { try snapshot.restoreDatabase() }
            action("re-sync") {
                try commands.run("paas", ["plugin:list", "--format", "json"])
                try commands.run("paas", ["ps:reconcile"])
                return "every app reconciled and the proxy re-synced"
            }
            action("verify") {
                try checkVersion(status.from)
                if FileManager.default.fileExists(atPath: paths.probes(status.id)) {
                    try commands.run("paas", ["upgrade:verify", "--expect", paths.probes(status.id)])
                }
                return "paas \(status.from.version) runs and every app answers"
            }
        } else {
            rollbackLine("nothing to undo", "done", "nothing was installed (stopped at step \(reached))")
        }
        status.state = ok ? .rolledBack : .rollbackFailed
        if ok { try? FileManager.default.removeItem(atPath: paths.gate) }
        status.finished = Date()
        save()
        note(status.summary)
    }

    func rollbackLine(_ name: String, _ state: String, _ message: String) {
        status.rollback.append(
            UpgradeStatus.Step(number: 0, name: name, state: state, message: message, time: Date(), seconds: nil))
        save()
        note("[rollback] \(name): \(state) \(message)")
    }
}
