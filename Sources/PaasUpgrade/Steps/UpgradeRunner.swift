import Foundation
import PaasDeploy
import PaasSupport

/// The helper's work (`paas upgrade:run ID`): the seven steps of an upgrade, each checked and
/// written to `status.json`, and the rollback when one fails. Run again on an upgrade whose
/// helper died, it completes the rollback.
public final class UpgradeRunner {
    /// The step names, 1 to 7.
    public static let stepNames = ["lock", "snapshot", "install", "migrate", "re-sync", "verify", "finish"]
    /// Holds the helper after this step for a while (tests interrupt it there).
    public static let holdVariable = "PAAS_UPGRADE_HOLD_AFTER_STEP"

    let root: StateRoot
    let paths: UpgradePaths
    let file: StatusFile
    let settings: UpgradeSettings
    var status: UpgradeStatus
    let commands: StepCommands
    let echo: Terminal?

    init(root: StateRoot, status: UpgradeStatus, settings: UpgradeSettings, runner: any ProcessRunner, echo: Terminal?)
    {
        self.root = root
        self.paths = UpgradePaths(root: root)
        self.file = StatusFile(paths: paths)
        self.settings = settings
        self.status = status
        self.echo = echo
        let file = self.file
        let id = status.id
        self.commands = StepCommands(
            root: root, id: id, binDirectory: status.binDirectory, timeout: .seconds(settings.commandTimeout),
            runner: runner, log: { file.log(id, $0) })
    }

    /// Runs upgrade `id`: its steps when it is pending, its rollback when an earlier helper died
    /// in the middle. Returns the final status; throws when another process acts on it.
    public static func run(
        root: StateRoot, id: String, runner: any ProcessRunner = PosixProcessRunner(cancellation: nil),
        echo: Terminal? = nil
    ) throws -> UpgradeStatus {
        let paths = UpgradePaths(root: root)
        guard let lock = try HelperLock.take(paths) else {
            throw UpgradeError.state("another process is acting on the upgrade (it holds \(paths.lock))")
        }
        defer { withExtendedLifetime(lock) {} }
        guard let status = try StatusFile(paths: paths).load(), status.id == id else {
            throw UpgradeError.state("upgrade \(id) is not the latest one (see upgrade:status)")
        }
        let upgrade = UpgradeRunner(
            root: root, status: status, settings: try UpgradeSettings.load(root), runner: runner, echo: echo)
        switch status.state {
        case .pending: upgrade.runSteps()
        case .running, .rollingBack, .rollbackFailed:
            guard status.state != .rollbackFailed || UpgradeGate.current(root)?.id == id else { break }
            upgrade.status.interrupted = true
            upgrade.note("the helper of upgrade \(id) stopped at step \(status.lastStep); completing its rollback")
            upgrade.rollBack()
        case .succeeded, .rolledBack: break
        }
        return upgrade.status
    }

    // MARK: - Steps

    func runSteps() {
        status.state = .running
        save()
        file.log(status.id, "\(status.kind.rawValue) \(status.id): \(status.from.version) -> \(status.to.version)")
        do {
            try step(1) { try self.takeLock() }
            try step(2) { try self.snapshot() }
            try step(3) { try self.install() }
            try step(4) { try self.migrate() }
            try step(5) { try self.resync() }
            try step(6) { try self.verify() }
            try step(7) { try self.finish() }
            status.state = .succeeded
            status.finished = Date()
            save()
            note(status.summary)
        } catch {
            rollBack()
        }
    }

    /// Runs step `number`, writing `running`, then `done` or `failed`, to the status.
    func step(_ number: Int, _ body: () throws -> String) throws {
        let name = Self.stepNames[number - 1]
        record(number, name, "running", "started")
        do {
            let message = try body()
            record(number, name, "done", message)
        } catch {
            let failure = error as? StepFailure ?? StepFailure(command: "(the helper itself)", output: "\(error)")
            status.failure = UpgradeStatus.Failure(
                step: number, name: name, command: failure.command, output: failure.output)
            record(number, name, "failed", failure.description)
            throw failure
        }
        hold(after: number)
    }

    func record(_ number: Int, _ name: String, _ state: String, _ message: String) {
        var line = UpgradeStatus.Step(number: number, name: name, state: state, message: message, time: Date())
        if let index = status.steps.firstIndex(where: { $0.number == number }) {
            line.seconds = (line.time.timeIntervalSince(status.steps[index].time) * 1000).rounded() / 1000
            status.steps[index] = line
        } else {
            status.steps.append(line)
        }
        save()
        note("[\(number)/7] \(name): \(state == "running" ? "..." : state) \(state == "running" ? "" : message)")
    }

    func save() {
        do { try file.save(status) } catch { note("cannot write \(paths.status): \(error)") }
    }

    func note(_ text: String) {
        file.log(status.id, text)
        echo?.line(text)
    }

    private func hold(after number: Int) {
        guard let value = ProcessInfo.processInfo.environment[Self.holdVariable], Int(value) == number else { return }
        note("holding after step \(number) for up to 120 s (\(Self.holdVariable))")
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.2) }
    }
}
