import ArgumentParser
import Foundation
import PaasDeploy
import PaasStore

struct ReposCreate: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "repos:create", abstract: "Create a shared repository that many apps deploy from.")
    static let group = CommandGroup.repos
    @Argument(help: "The repository's name (git push paas@host:NAME).") var name: String

    func run(_ ctx: CommandContext) throws {
        try SharedRepos(platform: try ctx.platform).create(name)
        ctx.err.line("-----> Created shared repository \(name); link apps with repos:link \(name) APP --path DIR")
    }
}

struct ReposDestroy: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "repos:destroy", abstract: "Remove a shared repository (refused while apps are linked).")
    static let group = CommandGroup.repos
    @Argument(help: "The repository.") var name: String

    func run(_ ctx: CommandContext) throws {
        try SharedRepos(platform: try ctx.platform).destroy(name)
        ctx.err.line("-----> Destroyed shared repository \(name)")
    }
}

struct ReposList: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "repos:list", abstract: "List shared repositories.")
    static let group = CommandGroup.repos
    @OptionGroup var output: FormatOption

    struct Row: Encodable {
        let name: String
        let apps: [String]
    }

    func run(_ ctx: CommandContext) throws {
        let store = try ctx.platform.store
        let rows = try store.repos().map { Row(name: $0.name, apps: try store.links(repo: $0.name).map(\.app)) }
        switch output.format {
        case .json: try ctx.out.json(rows)
        case .text:
            ctx.out.line("=====> Shared repositories")
            for row in rows {
                ctx.out.line(
                    row.name.padding(toLength: 24, withPad: " ", startingAt: 0) + row.apps.joined(separator: " "))
            }
        }
    }
}

struct ReposReport: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "repos:report", abstract: "Show a shared repository: head, parallel deploys, linked apps.")
    static let group = CommandGroup.repos
    @OptionGroup var output: FormatOption
    @Argument(help: "The repository.") var name: String

    struct Linked: Encodable {
        let app: String
        let path: String
        let watch: [String]
        let release: String
        let stopped: Bool
    }

    struct Report: Encodable {
        let name: String
        let head: String
        let parallel: Int
        let apps: [Linked]
    }

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        let store = try platform.store
        let repo = try store.requireRepo(name)
        let head = (try? SharedRepos(platform: platform).head(name).commit) ?? ""
        let apps = try store.links(repo: name).map { link in
            let settings = try AppSettings.load(app: link.app, store: store)
            return Linked(
                app: link.app, path: settings[Settings.builderBuildDir] ?? ".", watch: link.watch,
                release: try store.liveRelease(link.app).map { "v\($0.version)" } ?? "",
                stopped: settings[Settings.psStopped])
        }
        let report = Report(
            name: name, head: head, parallel: repo.parallel ?? Settings.reposParallel.defaultValue, apps: apps)
        switch output.format {
        case .json: try ctx.out.json(report)
        case .text:
            ctx.out.line("=====> \(name) shared repository")
            ctx.out.line("Head:      " + (head.isEmpty ? "(nothing pushed)" : String(head.prefix(7))))
            ctx.out.line("Parallel:  \(report.parallel)")
            for app in apps {
                let watch = app.watch.isEmpty ? "" : " watch " + app.watch.joined(separator: ",")
                let state = app.stopped ? " (stopped)" : ""
                ctx.out.line("App:       \(app.app) \(app.path)\(watch) \(app.release)\(state)")
            }
        }
    }
}

struct ReposSet: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "repos:set", abstract: "Set a shared repository's setting: parallel N (empty: the core count).")
    static let group = CommandGroup.repos
    @Argument(help: "The repository.") var name: String
    @Argument(help: "The setting: parallel.") var key: String
    @Argument(help: "The value; empty or omitted for the default.") var value: String = ""

    func run(_ ctx: CommandContext) throws {
        let store = try ctx.platform.store
        _ = try store.requireRepo(name)
        let setting = Settings.reposParallel
        guard key == setting.name else {
            throw SettingError.unknownKey(family: "repos", key: key, known: [setting.name])
        }
        let stored = try setting.validate(value)
        try store.setRepoParallel(name, stored.flatMap(Int.init))
        ctx.err.line("-----> \(name): parallel = \(stored ?? "\(setting.defaultValue) (default: the core count)")")
    }
}
