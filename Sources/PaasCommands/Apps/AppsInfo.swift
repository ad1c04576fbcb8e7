import ArgumentParser
import Foundation
import PaasDeploy
import PaasStore

struct AppsInfo: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "apps:info", abstract: "Show an app: release, domains, processes.")
    static let group = CommandGroup.apps

    struct View: Encodable {
        let name: String
        let createdAt: Date
        let release: String?
        let commit: String?
        let deployedAt: Date?
        let domains: [String]
        let formation: [String: Int]
        let running: Int
        let status: String
    }

    @OptionGroup var output: FormatOption
    @Argument(help: "The app.") var app: String

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        let store = try platform.store
        let record = try store.requireApp(app)
        let live = try store.liveRelease(app)
        let running = try platform.docker.listContainers(all: false, labels: [Labels.app: app, Labels.role: Labels.Role.app.rawValue])
        let view = View(
            name: app, createdAt: record.createdAt, release: live.map { "v\($0.version)" }, commit: live?.commit,
            deployedAt: live?.createdAt, domains: try Domains.all(app: app, platform: platform),
            formation: try store.formation(app), running: running.count,
            status: AppStatus.describe(live: live != nil, stopped: try AppSettings.value(Settings.psStopped, app: app, store: store), running: running.count))
        switch output.format {
        case .json: try ctx.out.json(view)
        case .text:
            ctx.out.line("=====> \(app)")
            ctx.out.line("Status:     \(view.status)")
            ctx.out.line("Release:    \(view.release ?? "-")\(view.commit.map { " (\($0.prefix(7)))" } ?? "")")
            ctx.out.line("Domains:    \(view.domains.joined(separator: " "))")
            ctx.out.line("Formation:  \(view.formation.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
            ctx.out.line("Running:    \(view.running) container(s)")
        }
    }
}

/// One word for how an app is doing, as `apps:list` and `apps:info` show it.
enum AppStatus {
    static func describe(live: Bool, stopped: Bool, running: Int) -> String {
        if !live { return "not deployed" }
        if stopped { return "stopped" }
        return running > 0 ? "running" : "down"
    }
}

struct AppsRename: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "apps:rename", abstract: "Rename an app (redeploys it under the new name).")
    static let group = CommandGroup.apps
    @Argument(help: "The app.") var app: String
    @Argument(help: "Its new name.") var newName: String

    func run(_ ctx: CommandContext) throws {
        try AppManager(platform: try ctx.platform).rename(app, to: newName)
        ctx.err.line("-----> Renamed \(app) to \(newName)")
    }
}

struct AppsUnlock: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "apps:unlock", abstract: "Show who holds an app's deploy lock; --force stops that deploy (it undoes itself).")
    static let group = CommandGroup.apps
    @Argument(help: "The app.") var app: String
    @Flag(name: .long, help: "Send SIGTERM to the process holding the lock.") var force = false

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        _ = try platform.store.requireApp(app)
        guard let holder = AppLock.holder(root: ctx.root, app: app) else {
            ctx.err.line("-----> \(app) is not locked")
            return
        }
        guard force, let pid = AppLock.holderPID(root: ctx.root, app: app) else {
            throw ExitCodeError(code: 1, message: "\(app) is locked by \(holder); repeat with --force to stop it")
        }
        kill(pid, SIGTERM)
        ctx.err.line("-----> Sent SIGTERM to \(holder); it undoes its work and releases the lock")
    }
}
