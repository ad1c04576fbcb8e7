import PaasDeploy

/// `git:set`, `git:report`; the report adds the remote to push to and the deployed commit.
enum GitSettingsCommands: SettingsCommands {
    static let family = SettingFamily.git
    static let group = CommandGroup.builds

    static func amend(report rows: inout [(key: String, value: String)], app: String, ctx: CommandContext) throws {
        let platform = try ctx.platform
        rows.append(("remote", "\(platform.settings.sshUser)@\(platform.settings.domain):\(app)"))
        rows.append(("deployed-commit", try platform.store.liveRelease(app)?.commit ?? "-"))
    }
}
