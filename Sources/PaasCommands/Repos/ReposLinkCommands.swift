import ArgumentParser
import Foundation
import PaasDeploy
import PaasGit
import PaasStore

struct ReposLink: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "repos:link", abstract: "Link an app to a shared repository: it builds DIR and watches PATHs.")
    static let group = CommandGroup.repos
    @Argument(help: "The repository.") var name: String
    @Argument(help: "The app.") var app: String
    @Option(name: .long, help: "The app's directory in the repository (its build dir).") var path: String
    @Option(name: .long, parsing: .upToNextOption, help: "Paths outside DIR whose changes also deploy the app.")
    var watch: [String] = []

    func run(_ ctx: CommandContext) throws {
        let link = try SharedRepos(platform: try ctx.platform).link(app: app, repo: name, path: path, watch: watch)
        let watching = link.watch.isEmpty ? "" : ", watching " + link.watch.joined(separator: ", ")
        ctx.err.line("-----> Linked \(app) to \(name) (\(path)\(watching)); the next push or repos:deploy deploys it")
    }
}

struct ReposUnlink: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "repos:unlink", abstract: "Unlink an app: it deploys from its own repository again.")
    static let group = CommandGroup.repos
    @Argument(help: "The app.") var app: String

    func run(_ ctx: CommandContext) throws {
        let repo = try SharedRepos(platform: try ctx.platform).unlink(app: app)
        ctx.err.line("-----> Unlinked \(app) from \(repo)")
    }
}

struct ReposDeploy: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "repos:deploy", abstract: "Deploy a shared repository's linked apps from its stored head.")
    static let group = CommandGroup.repos
    @OptionGroup var output: FormatOption
    @Argument(help: "The repository.") var name: String
    @Flag(name: .long, help: "Only the apps whose inputs changed since what each last deployed.") var ifChanged = false
    @Option(name: .long, parsing: .upToNextOption, help: "Only these apps.") var app: [String] = []

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        _ = try platform.store.requireRepo(name)
        try Self.deploy(
            repo: name, apps: app.isEmpty ? nil : app, ifChanged: ifChanged, platform: platform, ctx: ctx,
            format: output.format)
    }

    /// Deploys from the head of `repo` under its lock; fails when any app failed.
    static func deploy(
        repo: String, apps: [String]?, ifChanged: Bool, platform: Platform, ctx: CommandContext,
        format: FormatOption.Format = .text
    ) throws {
        let head = try SharedRepos(platform: platform).head(repo)
        var deploys = RepoDeploy(platform: platform, repo: repo)
        deploys.ifChanged = ifChanged
        deploys.only = apps
        let lock = try deploys.acquireLock(why: "repos:deploy by \(platform.user)")
        defer { lock.release() }
        let path = platform.root.repo(repo)
        let results = try deploys.run(commit: head.commit) { try GitRepository.open(at: path) }
        deploys.report(results)
        if format == .json { try ctx.out.json(results) }
        let failed = results.filter(\.failed).map(\.app)
        if !failed.isEmpty {
            throw ExitCodeError(
                code: 1, message: "\(failed.joined(separator: ", ")) failed to deploy; the others are live")
        }
    }
}
