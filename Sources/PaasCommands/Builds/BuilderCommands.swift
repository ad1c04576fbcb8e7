import ArgumentParser
import PaasDeploy
import PaasGit

struct BuilderSet: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "builder:set",
        abstract: "Set how an app builds: selected dockerfile|image, image REF, dockerfile PATH, build-dir DIR.")
    static let group = CommandGroup.builds

    @Argument(help: "The app.") var app: String
    @Argument(help: "selected, image, dockerfile or build-dir.") var key: String
    @Argument(help: "The value; omit it to go back to the default.") var value: String?

    func run(_ ctx: CommandContext) throws {
        let store = try ctx.platform.store
        _ = try store.requireApp(app)
        try BuilderSettings.set(app: app, key: key, value: value, store: store)
        ctx.err.line("-----> \(app) builder \(key) = \(value ?? "default")")
    }
}

struct BuilderReport: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "builder:report", abstract: "Show how an app builds.")
    static let group = CommandGroup.builds

    @OptionGroup var output: FormatOption
    @Argument(help: "The app.") var app: String

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        let store = try platform.store
        _ = try store.requireApp(app)
        let settings = try BuilderSettings.load(app: app, store: store)
        var detected: BuilderSettings.Kind?
        if let commit = try store.liveRelease(app)?.commit, let repository = try? GitRepository.open(at: ctx.root.repo(app)) {
            var detection = settings
            detection.selected = nil
            detected = try? detection.kind(repository: repository, commit: commit)
        }
        try ctx.out.report("\(app) builder", settings.report(detected: detected), format: output.format)
    }
}
