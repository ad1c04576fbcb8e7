import DockerEngine
import Foundation
import PaasDeploy
import PaasSupport
import PaasUpgrade

/// What every command meets first while paas upgrades itself: an upgrade whose helper died is
/// rolled back before anything else, and while one runs only commands that change nothing are
/// let through (a rollback would lose whatever else they wrote).
enum UpgradeGuard {
    /// Commands that only read, allowed during an upgrade.
    static let readOnly: Set<String> = [
        "help", "version", "upgrade:status", "upgrade:log", "apps", "apps:list", "apps:info", "config", "config:show",
        "config:get", "config:export", "releases", "releases:info", "ps", "ps:report", "logs", "domains:report",
        "builder:report", "git:report", "checks:report", "plugin:list", "plugin:report", "ssh-keys:list",
        "git-upload-pack",
    ]

    /// Completes the rollback of an interrupted upgrade (saying so on `err`).
    static func recover(root: StateRoot, err: Terminal) throws {
        guard UpgradeGate.current(root) != nil else { return }
        let settings = try InstallSettings.load(from: root)
        let socket = settings.dockerSocket ?? DockerClient.socketPath()
        try UpgradeRecovery(
            root: root, log: err,
            docker: { DockerClient(transport: CurlTransport(socketPath: socket, cancellation: nil)) },
            labels: { settings.labels }
        ).completeIfInterrupted()
    }

    /// Throws `UpgradeInProgress` when `command` would change something during an upgrade.
    static func refuseChanges(_ command: String, root: StateRoot) throws {
        guard !readOnly.contains(command) else { return }
        try UpgradeGate.check(root)
    }
}
