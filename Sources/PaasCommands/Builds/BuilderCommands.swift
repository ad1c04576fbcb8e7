import PaasDeploy
import PaasGit

/// `builder:set`, `builder:report`; the report says what detection chooses for the live commit.
enum BuilderSettingsCommands: SettingsCommands {
    static let family = SettingFamily.builder
    static let group = CommandGroup.builds

    static func amend(report rows: inout [(key: String, value: String)], app: String, ctx: CommandContext) throws {
        let store = try ctx.platform.store
        let detection = try BuilderSettings.load(app: app, store: store)
        guard detection.selected == nil, let commit = try store.liveRelease(app)?.commit,
            let repository = try? GitRepository.open(at: ctx.root.repo(app)),
            let detected = try? detection.kind(repository: repository, commit: commit),
            let row = rows.firstIndex(where: { $0.key == Settings.builderSelected.name })
        else { return }
        rows[row].value += " (\(detected.rawValue))"
    }
}
