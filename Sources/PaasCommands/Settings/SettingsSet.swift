import ArgumentParser
import PaasDeploy
import PaasStore

/// `FAMILY:set [--global|APP] KEY [VALUE]`: validates and stores one setting of the family; an
/// empty or missing value goes back to the default. With `--global`, the value every app without
/// its own uses.
struct SettingsSet<Family: SettingsCommands>: PaasCommand {
    static var configuration: CommandConfiguration {
        let family = Family.family
        let names = family.settable.map(\.name)
        let list = names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
        return CommandConfiguration(
            commandName: family.name + ":set", abstract: "Set \(family.about): \(list).",
            usage: "\(family.name):set [--global|APP] KEY [VALUE]",
            discussion: SettingsHelp.discussion(family.settable))
    }
    static var group: CommandGroup { Family.group }

    @Flag(name: .long, help: "Set the global value, which apps without their own use (instead of APP).")
    var global = false
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
            "APP KEY [VALUE], or KEY [VALUE] with --global; an empty or omitted VALUE goes back to the default.",
            valueName: "words"))
    var words: [String] = []

    func run(_ ctx: CommandContext) throws {
        let family = Family.family
        let rest = global ? words : Array(words.dropFirst())
        guard global || !words.isEmpty, (1...2).contains(rest.count) else {
            let form = global ? "--global KEY [VALUE]" : "APP KEY [VALUE]"
            let example = "\(global ? "--global" : "myapp") \(family.settable[0].name) VALUE"
            throw ValidationError("\(family.name):set needs \(form), e.g. \(family.name):set \(example)")
        }
        let store = try ctx.platform.store
        let scope = global ? Store.globalSettings : words[0]
        if !global { _ = try store.requireApp(scope) }
        let key = rest[0]
        let setting = try family.settable(named: key)
        let stored = try AppSettings.set(setting, to: rest.count > 1 ? rest[1] : "", app: scope, store: store)
        let who = global ? "global" : scope
        if let stored {
            ctx.err.line("-----> \(who) \(family.name) \(key) = \(stored)")
        } else {
            ctx.err.line("-----> \(who) \(family.name) \(key) reset to the default: \(setting.defaultText)")
        }
    }
}
