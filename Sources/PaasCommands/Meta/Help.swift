import ArgumentParser
import PaasSupport
import PaasUpgrade


struct Help: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "help", abstract: "List every command.")
    static let group = CommandGroup.meta
    static let access = AccessClass.open

    @Argument(help: "A command to show in full.")
    var command: String?

    func run(_ ctx: CommandContext) throws {
        if let command {
            guard let type = CommandTable.find(command) else {
                throw ExitCodeError(code: 1, message: "unknown command '\(command)' (run 'help' to see every command)")
            }
            ctx.out.write(type.helpMessage())
            return
        }
        ctx.out.line("Usage: ssh paas@HOST COMMAND [ARGS...]   (on the host: paas COMMAND [ARGS...])")
        for group in CommandGroup.allCases {
            let commands = CommandTable.all.filter { $0.group == group && $0.configuration.shouldDisplay }
            guard !commands.isEmpty else { continue }
            ctx.out.line("")
            ctx.out.line(group.rawValue + ":")
            for c in commands {
                let name = c.configuration.commandName ?? ""
                ctx.out.line("  " + name.padding(toLength: 22, withPad: " ", startingAt: 0) + " " + c.configuration.abstract)
            }
        }
        let index = try ctx.plugins.registry.index()
        if !index.commands.isEmpty {
            ctx.out.line("")
            ctx.out.line("Plugin commands:")
            for (name, handler) in index.commands.sorted(by: { $0.key < $1.key }) {
                let help = index.plugins[handler.plugin]?.manifest.commands[name]?.help ?? "(from plugin \(handler.plugin))"
                ctx.out.line("  " + name.padding(toLength: 22, withPad: " ", startingAt: 0) + " " + help)
            }
        }
        ctx.out.line("")
        ctx.out.line("'help COMMAND' shows a command's arguments and options.")
    }
}

struct Version: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Show the paas version and its database schema version.")
    static let group = CommandGroup.meta
    static let access = AccessClass.open

    @OptionGroup var output: FormatOption

    func run(_ ctx: CommandContext) throws {
        let report = UpgradeStarter.installed
        switch output.format {
        case .json: try ctx.out.json(report)
        case .text: ctx.out.line("paas \(report.version) (schema \(report.schemaVersion))")
        }
    }
}
