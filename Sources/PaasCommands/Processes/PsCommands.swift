import AppSpec
import ArgumentParser
import DockerEngine
import Foundation
import PaasDeploy
import PaasGit
import PaasStore

struct PsScale: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "ps:scale", abstract: "Show or set how many of each process run (web=2 worker=1).")
    static let group = CommandGroup.processes
    static let access = AccessClass.deploy
    var targetApp: String? { app }

    @OptionGroup var output: FormatOption
    @Argument(help: "The app.") var app: String
    @Argument(help: "TYPE=N pairs; none shows the formation.") var pairs: [String] = []

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        let store = try platform.store
        _ = try store.requireApp(app)
        if !pairs.isEmpty {
            let changes = try ProcessScale.parse(pairs)
            try Scaler(platform: platform).scale(app: app, changes: changes)
            if try store.liveRelease(app) == nil {
                ctx.err.line("-----> \(app) is not deployed yet: this formation applies from its first deploy")
            }
        }
        let formation = try store.formation(app)
        switch output.format {
        case .json: try ctx.out.json(formation)
        case .text:
            ctx.out.line("=====> \(app) formation")
            for (name, n) in formation.sorted(by: { $0.key < $1.key }) { ctx.out.line("\(name)=\(n)") }
        }
    }
}

struct PsReport: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "ps:report", abstract: "Show each container of an app.")
    static let group = CommandGroup.processes
    static let access = AccessClass.read
    var targetApp: String? { app }

    struct Row: Encodable {
        let process: String
        let number: Int
        let state: String
        let release: String
        let status: String
        let container: String
    }

    @OptionGroup var output: FormatOption
    @Argument(help: "The app.") var app: String

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        _ = try platform.store.requireApp(app)
        if try SchedulerChoice.isSwarm(app: app, store: try platform.store) {
            return try show(try SwarmTasksReport(platform: platform).rows(app: app).map {
                Row(process: $0.process, number: $0.slot, state: $0.state, release: $0.release, status: $0.where, container: $0.task)
            }, ctx)
        }
        let containers = try platform.docker.listContainers(all: true, labels: [Labels.app: app])
        let rows = containers.map { c in
            Row(
                process: c.labels[Labels.process] ?? c.labels[Labels.role] ?? "?",
                number: Int(c.labels[Labels.number] ?? "") ?? 0, state: c.state, release: c.labels[Labels.release] ?? "-",
                status: c.status, container: c.names.first.map { String($0.drop { $0 == "/" }) } ?? String(c.id.prefix(12)))
        }.sorted { ($0.process, $0.number) < ($1.process, $1.number) }
        try show(rows, ctx)
    }

    private func show(_ rows: [Row], _ ctx: CommandContext) throws {
        switch output.format {
        case .json: try ctx.out.json(rows)
        case .text:
            ctx.out.line("=====> \(app) processes")
            if rows.isEmpty { ctx.out.line("(none running)") }
            for r in rows {
                ctx.out.line(
                    "\(r.process).\(r.number)".padding(toLength: 14, withPad: " ", startingAt: 0)
                        + r.state.padding(toLength: 10, withPad: " ", startingAt: 0)
                        + r.release.padding(toLength: 7, withPad: " ", startingAt: 0) + r.status)
            }
        }
    }
}

struct PsStop: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "ps:stop", abstract: "Stop an app's processes (they stay stopped).")
    static let group = CommandGroup.processes
    static let access = AccessClass.deploy
    var targetApp: String? { app }
    @Argument(help: "The app.") var app: String
    func run(_ ctx: CommandContext) throws {
        try ProcessControl(platform: try ctx.platform).stop(app: app)
        ctx.err.line("-----> Stopped \(app)")
    }
}

struct PsStart: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "ps:start", abstract: "Start a stopped app.")
    static let group = CommandGroup.processes
    static let access = AccessClass.deploy
    var targetApp: String? { app }
    @Argument(help: "The app.") var app: String
    func run(_ ctx: CommandContext) throws {
        try ProcessControl(platform: try ctx.platform).start(app: app)
        ctx.err.line("-----> Started \(app)")
    }
}

struct PsRestart: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "ps:restart", abstract: "Replace every process with a fresh one, without downtime.")
    static let group = CommandGroup.processes
    static let access = AccessClass.deploy
    var targetApp: String? { app }
    @Argument(help: "The app.") var app: String
    func run(_ ctx: CommandContext) throws {
        try ProcessControl(platform: try ctx.platform).restart(app: app)
        ctx.err.line("-----> Restarted \(app)")
    }
}

struct PsRebuild: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "ps:rebuild", abstract: "Build the deployed commit again and deploy it.")
    static let group = CommandGroup.processes
    static let access = AccessClass.deploy
    var targetApp: String? { app }
    @Argument(help: "The app.") var app: String
    @Flag(name: .long, help: "Rebuild even when the build dir is unchanged.") var force = false
    @Flag(name: .long, help: "Linked apps: deploy the shared repository's head if the app's inputs changed.")
    var ifChanged = false

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        let store = try platform.store
        _ = try store.requireApp(app)
        if force && ifChanged { throw ValidationError("--force and --if-changed contradict each other; give one") }
        let link = try store.link(app: app)
        if let link, ifChanged {
            return try ReposDeploy.deploy(repo: link.repo, apps: [app], ifChanged: true, platform: platform, ctx: ctx)
        }
        guard let commit = try store.liveRelease(app)?.commit else { throw DeployError.nothingDeployed(app) }
        let repository = try GitRepository.open(at: try AppRepository.path(app: app, platform: platform))
        var deployer = Deployer(platform: platform)
        deployer.force = force
        if let link {
            let buildDir = try BuilderSettings.load(app: app, store: store).buildDir
            deployer.inputs = try AppInputs.read(repository, commit: commit, buildDir: buildDir, watch: link.watch)
        }
        try deployer.deployPush(app: app, commit: commit, repository: repository)
    }
}

struct PsReconcile: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "ps:reconcile", abstract: "Remove leftover containers and re-sync the proxy (all apps without APP).")
    static let group = CommandGroup.processes
    static let access = AccessClass.deploy
    var targetApp: String? { app }
    @Argument(help: "The app; every app when omitted.") var app: String?

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        let store = try platform.store
        let apps = try app.map { [try store.requireApp($0).name] } ?? store.apps().map(\.name)
        for name in apps {
            let lock = try Deployer(platform: platform).acquireLock(app: name, why: "ps:reconcile by \(platform.user)")
            defer { lock.release() }
            let removed = try Reconciler(platform: platform).reconcile(app: name)
            ctx.err.line("-----> \(name): \(removed.isEmpty ? "nothing to clean" : "removed \(removed.count) container(s)")")
        }
    }
}

struct PsRestore: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "ps:restore", abstract: "After a reboot: bring the proxy in line with the running containers.")
    static let group = CommandGroup.processes

    func run(_ ctx: CommandContext) throws {
        try PsReconcile(app: nil).run(ctx)
    }
}
extension PsReconcile {
    init(app: String?) {
        self.init()
        self.app = app
    }
}
