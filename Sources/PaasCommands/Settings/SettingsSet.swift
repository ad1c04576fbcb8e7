import ArgumentParser
import PaasDeploy

/// `FAMILY:set APP KEY [VALUE]`: validates and stores one setting of the family; an empty or
/// missing value goes back to the default.
struct SettingsSet<Family: SettingsCommands>: PaasCommand {
    static var configuration: CommandConfiguration {
        let family = Family.family
        let names = family.settable.map(\.name)
        let list = names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
        return CommandConfiguration(
            commandName: family.name + ":set", abstract: "Set \(family.about): \(list).",
            discussion: SettingsHelp.discussion(family.settable))
    }
    static var group: CommandGroup { Family.group }

    @Argument(help: "The app.") var app: String
    @Argument(help: "The setting (listed below).") var key: String
    @Argument(help: "The value; empty or omitted goes back to the default.") var value: String?

    func run(_ ctx: CommandContext) throws {
        let store = try ctx.platform.store
        _ = try store.requireApp(app)
        let family = Family.family
        let setting = try family.settable(named: key)
        let stored = try AppSettings.set(setting, to: value ?? "", app: app, store: store)
        if let stored {
            ctx.err.line("-----> \(app) \(family.name) \(key) = \(stored)")
        } else {
            ctx.err.line("-----> \(app) \(family.name) \(key) reset to the default: \(setting.defaultText)")
        }
    }
}

/// The help that the declarations give the generated commands.
enum SettingsHelp {
    /// Per setting: its name and what it accepts, then what it does (kept within 80 columns).
    static func discussion(_ settings: [AnySetting]) -> String {
        let lines = settings.map { s in
            let accepts = s.changedBy.map { "changed with \($0)" } ?? "\(s.expected); default \(s.defaultText)"
            return "  \(s.name): \(accepts)\n      \(s.help)"
        }
        return "Settings:\n" + lines.joined(separator: "\n")
    }
}
