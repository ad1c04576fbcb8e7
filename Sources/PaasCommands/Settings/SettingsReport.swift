import ArgumentParser
import PaasDeploy

/// `FAMILY:report APP`: every setting of the family, Dokku-style or as JSON.
struct SettingsReport<Family: SettingsCommands>: PaasCommand {
    static var configuration: CommandConfiguration {
        let family = Family.family
        return CommandConfiguration(
            commandName: family.name + ":report", abstract: "Show \(family.about).",
            discussion: SettingsHelp.discussion(family.settings))
    }
    static var group: CommandGroup { Family.group }

    @OptionGroup var output: FormatOption
    @Argument(help: "The app.") var app: String

    func run(_ ctx: CommandContext) throws {
        let store = try ctx.platform.store
        _ = try store.requireApp(app)
        let settings = try AppSettings.load(app: app, store: store)
        var rows = Family.family.settings.map { (key: $0.name, value: settings.describe($0)) }
        try Family.amend(report: &rows, app: app, ctx: ctx)
        try ctx.out.report("\(app) \(Family.family.name)", rows, format: output.format)
    }
}
