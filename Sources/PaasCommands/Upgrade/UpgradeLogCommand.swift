import ArgumentParser
import Foundation
import PaasUpgrade

/// `upgrade:log`: every line of the latest upgrade, with the commands its steps ran.
struct UpgradeLogCommand: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade:log", abstract: "Print the latest upgrade's log: steps, commands and their output.")
    static let group = CommandGroup.upgrade

    func run(_ ctx: CommandContext) throws {
        let paths = UpgradePaths(root: ctx.root)
        guard let status = try StatusFile(paths: paths).load() else {
            ctx.out.line("paas has not been upgraded")
            return
        }
        guard let data = FileManager.default.contents(atPath: paths.log(status.id)) else {
            throw ExitCodeError(code: 1, message: "the log of \(status.id) is gone (\(paths.log(status.id)))")
        }
        ctx.out.write(bytes: Array(data))
    }
}
