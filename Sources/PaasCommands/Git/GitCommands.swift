import ArgumentParser
import PaasDeploy

/// `git:set APP deploy-branch BRANCH`: the branch whose pushes deploy (Dokku's name for it).
struct GitSet: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "git:set", abstract: "Set the branch that deploys: deploy-branch BRANCH (default main, or master).")
    static let group = CommandGroup.builds

    @Argument(help: "The app.") var app: String
    @Argument(help: "deploy-branch.") var key: String
    @Argument(help: "A branch name; empty goes back to main/master.") var value: String

    func run(_ ctx: CommandContext) throws {
        let store = try ctx.platform.store
        _ = try store.requireApp(app)
        guard key == "deploy-branch" else { throw ValidationError("unknown git setting '\(key)': expected deploy-branch") }
        let valid = value.range(of: #"^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$"#, options: .regularExpression) != nil
            && !value.contains("..") && !value.hasSuffix("/") && !value.hasSuffix(".lock")
        guard value.isEmpty || valid else {
            throw ValidationError("'\(value)' is not a branch name (letters, digits, '.', '_', '/', '-')")
        }
        try store.setSetting(app, "deploy-branch", value.isEmpty ? nil : value)
        ctx.err.line("-----> \(app) deploys pushes to \(value.isEmpty ? "main (or master)" : value)")
    }
}

struct GitReport: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "git:report", abstract: "Show the app's deploy branch and repository.")
    static let group = CommandGroup.builds

    @OptionGroup var output: FormatOption
    @Argument(help: "The app.") var app: String

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        let store = try platform.store
        _ = try store.requireApp(app)
        let branch = try store.setting(app, "deploy-branch") ?? "main (or master)"
        let live = try store.liveRelease(app)
        let rows = [
            ("deploy-branch", branch), ("remote", "\(platform.settings.sshUser)@\(platform.settings.domain):\(app)"),
            ("deployed-commit", live?.commit ?? "-"),
        ]
        try ctx.out.report("\(app) git", rows, format: output.format)
    }
}
