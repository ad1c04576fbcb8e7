import ArgumentParser
import PaasDeploy

struct AppsCreate: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "apps:create", abstract: "Create an app.")
    static let group = CommandGroup.apps

    @Argument(help: "App name: lowercase letters, digits and dashes, starting with a letter.")
    var app: String

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        try AppManager(platform: platform).create(app)
        ctx.out.line("-----> Created \(app)")
        ctx.out.line("       git remote add paas \(platform.settings.sshUser)@\(platform.settings.domain):\(app)")
    }
}
