import ArgumentParser
import PaasDeploy

struct AppsDestroy: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "apps:destroy", abstract: "Delete an app: its containers, images, repository and state.")
    static let group = CommandGroup.apps
    static let access = AccessClass.manage
    var targetApp: String? { app }

    @Argument(help: "The app to delete.")
    var app: String
    @Flag(name: .long, help: "Confirm: nothing of the app can be recovered afterwards.")
    var force = false

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        _ = try platform.store.requireApp(app)
        guard force else {
            throw ExitCodeError(code: 1, message: "apps:destroy deletes \(app) for good; repeat with --force to confirm")
        }
        try AppManager(platform: platform).destroy(app)
        ctx.out.line("-----> Destroyed \(app)")
    }
}
