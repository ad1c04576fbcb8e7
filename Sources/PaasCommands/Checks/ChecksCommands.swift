import ArgumentParser
import Foundation
import PaasDeploy
import PaasStore

struct ChecksReport: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "checks:report", abstract: "Show how an app's deploys are checked.")
    static let group = CommandGroup.checks

    @OptionGroup var output: FormatOption
    @Argument(help: "The app.") var app: String

    func run(_ ctx: CommandContext) throws {
        let store = try ctx.platform.store
        _ = try store.requireApp(app)
        let c = try CheckSettings.load(app: app, store: store)
        let rows: [(String, String)] = [
            ("wait", "\(c.wait)"), ("timeout", "\(c.timeout)"), ("attempts", "\(c.attempts)"), ("settle", "\(c.settle)"),
            ("drain", "\(c.drain)"), ("stop-timeout", "\(c.stopTimeout)"),
            ("disabled", c.disabled.sorted().joined(separator: ",")), ("skipped", c.skipped.sorted().joined(separator: ",")),
        ]
        switch output.format {
        case .json: try ctx.out.json(Dictionary(uniqueKeysWithValues: rows))
        case .text: ctx.out.report("\(app) checks", rows.map { ($0.0, $0.1.isEmpty ? "none" : $0.1) })
        }
    }
}

struct ChecksSet: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks:set", abstract: "Set wait, timeout, attempts, settle, drain or stop-timeout (seconds).")
    static let group = CommandGroup.checks

    @Argument(help: "The app.") var app: String
    @Argument(help: "wait, timeout, attempts, settle, drain or stop-timeout.") var key: String
    @Argument(help: "A number of seconds (attempts: a count); empty resets to the default.") var value: String

    func run(_ ctx: CommandContext) throws {
        let store = try ctx.platform.store
        _ = try store.requireApp(app)
        guard CheckSettings.keys.contains(key) else {
            throw ValidationError("unknown check setting '\(key)': expected one of \(CheckSettings.keys.joined(separator: ", "))")
        }
        if value.isEmpty {
            try store.setSetting(app, "checks.\(key)", nil)
        } else {
            let integer = key == "attempts" || key == "stop-timeout"
            guard let number = Double(value), number >= 0, number < 86400, !integer || number == number.rounded() else {
                throw ValidationError("\(key) must be \(integer ? "a whole number" : "a number of seconds"), 0 or more, got '\(value)'")
            }
            try store.setSetting(app, "checks.\(key)", value)
        }
        ctx.err.line("-----> \(app) checks \(key) = \(value.isEmpty ? "default" : value)")
    }
}

/// `checks:disable`, `checks:enable`, `checks:skip`: a set of process types per app.
private func changeProcessSet(_ ctx: CommandContext, app: String, key: String, processes: [String], add: Bool) throws -> String {
    let store = try ctx.platform.store
    _ = try store.requireApp(app)
    var set = Set((try store.setting(app, key) ?? "").split(separator: ",").map(String.init))
    let names = processes.isEmpty ? [CheckSettings.all] : processes
    for name in names where name != CheckSettings.all && name.range(of: #"^[A-Za-z0-9][A-Za-z0-9_-]*$"#, options: .regularExpression) == nil {
        throw ValidationError("'\(name)' is not a process type name")
    }
    if add {
        set.formUnion(names)
    } else if processes.isEmpty {
        set.removeAll()
    } else {
        set.subtract(names)
    }
    try store.setSetting(app, key, set.isEmpty ? nil : set.sorted().joined(separator: ","))
    return names == [CheckSettings.all] ? "all processes" : names.joined(separator: ", ")
}

struct ChecksDisable: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks:disable", abstract: "Deploy stop-first (old stopped before new starts), for apps that can't run twice.")
    static let group = CommandGroup.checks
    @Argument(help: "The app.") var app: String
    @Argument(help: "Process types (all when none).") var processes: [String] = []

    func run(_ ctx: CommandContext) throws {
        let what = try changeProcessSet(ctx, app: app, key: "checks.disabled", processes: processes, add: true)
        ctx.err.line("-----> \(app): \(what) deploy stop-first (expect a short downtime)")
    }
}

struct ChecksEnable: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks:enable", abstract: "Deploy start-first and check again (undoes checks:disable and checks:skip).")
    static let group = CommandGroup.checks
    @Argument(help: "The app.") var app: String
    @Argument(help: "Process types (all when none).") var processes: [String] = []

    func run(_ ctx: CommandContext) throws {
        _ = try changeProcessSet(ctx, app: app, key: "checks.disabled", processes: processes, add: false)
        let what = try changeProcessSet(ctx, app: app, key: "checks.skipped", processes: processes, add: false)
        ctx.err.line("-----> \(app): \(what) deploy start-first with checks")
    }
}

struct ChecksSkip: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks:skip", abstract: "Start-first, but switch without waiting for checks.")
    static let group = CommandGroup.checks
    @Argument(help: "The app.") var app: String
    @Argument(help: "Process types (all when none).") var processes: [String] = []

    func run(_ ctx: CommandContext) throws {
        let what = try changeProcessSet(ctx, app: app, key: "checks.skipped", processes: processes, add: true)
        ctx.err.line("-----> \(app): checks of \(what) skipped")
    }
}

struct ChecksRun: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks:run", abstract: "Run the checks against the running containers now.")
    static let group = CommandGroup.checks
    @Argument(help: "The app.") var app: String
    @Argument(help: "PROCESS or PROCESS.N (all when omitted).") var target: String?

    func run(_ ctx: CommandContext) throws {
        let parts = target?.split(separator: ".").map(String.init) ?? []
        let results = try HealthReport(platform: try ctx.platform).run(
            app: app, process: parts.first, number: parts.count > 1 ? Int(parts[1]) : nil)
        var failed = false
        for r in results {
            ctx.out.line("\(r.container): \(r.error.map { "FAILED — \($0)" } ?? "healthy")")
            if r.error != nil { failed = true }
        }
        if results.isEmpty { throw ExitCodeError(code: 1, message: "no running container of \(app) matches \(target ?? "any process")") }
        if failed { throw ExitCodeError(code: 1) }
    }
}
