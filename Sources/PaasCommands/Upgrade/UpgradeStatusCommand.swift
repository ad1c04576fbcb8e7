import ArgumentParser
import Foundation
import PaasUpgrade

/// `upgrade:status`: the latest upgrade, step by step (`--format json` for polling).
struct UpgradeStatusCommand: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade:status", abstract: "Show the latest upgrade step by step, and how it ended.")
    static let group = CommandGroup.upgrade

    @OptionGroup var output: FormatOption

    func run(_ ctx: CommandContext) throws {
        guard let status = try StatusFile(paths: UpgradePaths(root: ctx.root)).load() else {
            if output.format == .json { ctx.out.line("null") } else { ctx.out.line("paas has not been upgraded") }
            return
        }
        switch output.format {
        case .json: try ctx.out.json(status)
        case .text:
            ctx.out.line("=====> \(status.summary)")
            let time = ISO8601DateFormatter()
            for step in status.steps {
                ctx.out.line(
                    "\(step.number) \(step.name) | \(step.state): \(step.message) | \(time.string(from: step.time))")
            }
            for line in status.rollback {
                ctx.out.line("rollback \(line.name) | \(line.state): \(line.message) | \(time.string(from: line.time))")
            }
            if status.failure != nil {
                for line in UpgradeFollower.describe(status).dropFirst() { ctx.out.line(line) }
            }
        }
    }
}
