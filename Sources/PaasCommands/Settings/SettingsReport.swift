import ArgumentParser
import PaasDeploy
import PaasStore

/// `FAMILY:report APP|--global`: every setting of the family, Dokku-style or as JSON. An app's
/// text report marks values that come from the global setting.
struct SettingsReport<Family: SettingsCommands>: PaasCommand {
    static var configuration: CommandConfiguration {
        let family = Family.family
        return CommandConfiguration(
            commandName: family.name + ":report", abstract: "Show \(family.about).",
            discussion: SettingsHelp.discussion(family.settings))
    }
    static var group: CommandGroup { Family.group }

    @OptionGroup var output: FormatOption
    @Flag(name: .long, help: "Show the global values (instead of APP).") var global = false
    @Argument(help: "The app.") var app: String?

    func run(_ ctx: CommandContext) throws {
        let family = Family.family
        guard global != (app != nil) else {
            throw ValidationError("\(family.name):report needs an app or --global, e.g. \(family.name):report myapp")
        }
        let store = try ctx.platform.store
        let scope = app ?? Store.globalSettings
        if let app { _ = try store.requireApp(app) }
        let settings = try AppSettings.load(app: scope, store: store)
        let shown = global ? family.settings.filter(\.global) : family.settings
        var rows = shown.map { s in
            let value = settings.describe(s)
            let marked = output.format == .text && app != nil && settings.source(of: s) == .global
            return (key: s.name, value: marked ? value + " (global)" : value)
        }
        if let app { try Family.amend(report: &rows, app: app, ctx: ctx) }
        try ctx.out.report("\(app ?? "global") \(family.name)", rows, format: output.format)
    }
}
