import PaasDeploy

/// A settings family as commands: `FAMILY:set` is `SettingsSet<Self>` and `FAMILY:report` is
/// `SettingsReport<Self>`; both read everything else from the family's declarations.
protocol SettingsCommands {
    /// The declared settings.
    static var family: SettingFamily { get }
    /// Where `help` lists the two commands.
    static var group: CommandGroup { get }
    /// Amends the report's rows (one per setting, in declaration order) with what is not a
    /// setting but belongs beside it: the deployed commit, what detection would choose.
    static func amend(report rows: inout [(key: String, value: String)], app: String, ctx: CommandContext) throws
}

extension SettingsCommands {
    static func amend(report rows: inout [(key: String, value: String)], app: String, ctx: CommandContext) throws {}
}

/// `checks:set`, `checks:report`.
enum CheckSettingsCommands: SettingsCommands {
    static let family = SettingFamily.checks
    static let group = CommandGroup.checks
}

/// `tasks:set`, `tasks:report`.
enum TaskSettingsCommands: SettingsCommands {
    static let family = SettingFamily.tasks
    static let group = CommandGroup.builds
}

/// `releases:set`, `releases:report`.
enum ReleaseSettingsCommands: SettingsCommands {
    static let family = SettingFamily.releases
    static let group = CommandGroup.releases
}
