import ArgumentParser
import Foundation
import PaasDeploy
import PaasStore

struct ChecksDisable: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks:disable",
        abstract:
            "Deploy stop-first (old stopped before new starts), for apps that can't run twice; undoes checks:skip.")
    static let group = CommandGroup.checks
    @Argument(help: "The app.") var app: String
    @Argument(help: "Process types (all when none).") var processes: [String] = []

    func run(_ ctx: CommandContext) throws {
        let what = try CheckMode.disabled.apply(to: processes, app: app, store: try ctx.platform.store)
        ctx.err.line("-----> \(app): \(what) deploy stop-first (expect a short downtime)")
    }
}

struct ChecksEnable: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks:enable",
        abstract: "Deploy start-first and check again (undoes checks:disable and checks:skip).")
    static let group = CommandGroup.checks
    @Argument(help: "The app.") var app: String
    @Argument(help: "Process types (all when none).") var processes: [String] = []

    func run(_ ctx: CommandContext) throws {
        let what = try CheckMode.enabled.apply(to: processes, app: app, store: try ctx.platform.store)
        ctx.err.line("-----> \(app): \(what) deploy start-first with checks")
    }
}

struct ChecksSkip: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks:skip",
        abstract: "Start-first, but switch without waiting for checks; undoes checks:disable.")
    static let group = CommandGroup.checks
    @Argument(help: "The app.") var app: String
    @Argument(help: "Process types (all when none).") var processes: [String] = []

    func run(_ ctx: CommandContext) throws {
        let what = try CheckMode.skipped.apply(to: processes, app: app, store: try ctx.platform.store)
        ctx.err.line("-----> \(app): checks of \(what) skipped")
    }
}

struct ChecksRun: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks:run", abstract: "Run the checks against the running containers now.")
    static let group = CommandGroup.checks
    @Argument(help: "The app.") var app: String
    @Argument(help: "PROCESS or PROCESS.N, several separated by spaces or commas (all when omitted).")
    var targets: [String] = []

    func run(_ ctx: CommandContext) throws {
        let parsed = try targets.flatMap { $0.split(separator: ",").map(String.init) }.map(
            HealthReport.Target.init(parsing:))
        let results = try HealthReport(platform: try ctx.platform).run(app: app, targets: parsed)
        var failed = false
        for r in results {
            ctx.out.line("\(r.container): \(r.error.map { "FAILED — \($0)" } ?? "healthy")")
            if r.error != nil { failed = true }
        }
        if results.isEmpty {
            let what = targets.isEmpty ? "any process" : parsed.map(\.description).joined(separator: ", ")
            throw ExitCodeError(code: 1, message: "no running container of \(app) matches \(what)")
        }
        if failed { throw ExitCodeError(code: 1) }
    }
}
