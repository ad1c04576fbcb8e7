import ArgumentParser
import PaasUpgrade

/// `upgrade:rollback`: back to the version the last upgrade replaced, with the same steps.
struct UpgradeRollbackCommand: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade:rollback",
        abstract: "Go back to the version the last upgrade replaced (same steps and checks).")
    static let group = CommandGroup.upgrade

    @Flag(name: .long, help: "Follow the steps until it is done.") var wait = false
    @Flag(name: .long, help: "Going back to an older schema: restore the kept database even though it changed since.")
    var discardChanges = false

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        let status = try UpgradeStarter(
            root: ctx.root, docker: platform.cleanupDocker, labels: platform.settings.labels
        )
        .rollback(discardChanges: discardChanges)
        try UpgradeOutput.started(status, wait: wait, ctx: ctx, docker: platform.cleanupDocker)
    }
}
