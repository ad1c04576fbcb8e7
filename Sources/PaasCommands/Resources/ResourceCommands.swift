import ArgumentParser
import PaasDeploy
import PaasStore

/// `resource:set`, `resource:report`; the report also lists `resource:limit`'s per-type limits
/// as `memory.web` rows.
enum ResourceSettingsCommands: SettingsCommands {
    static let family = SettingFamily.resource
    static let group = CommandGroup.processes
    /// Limits guard the host's other apps: an app's deploy keys may not raise them.
    static let setAccess = AccessClass.manage

    static func amend(report rows: inout [(key: String, value: String)], app: String, ctx: CommandContext) throws {
        for row in try ResourceLimit.perType(app: app, store: try ctx.platform.store) {
            rows.append((key: "\(row.key).\(row.process)", value: row.value))
        }
    }
}

/// `resource:limit APP [TYPE] memory=512m cpus=1 pids=256` (Dokku's resource plugin, as KEY=VALUE).
struct ResourceLimitCommand: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "resource:limit",
        abstract: "Limit the memory, CPUs and pids of an app's containers (one process type when TYPE is given).",
        discussion: """
            Applies from the next deploy or restart (ps:restart APP). An empty value (memory=) goes back \
            to the app's, the global or the default limit. resource:report APP shows them.
            """)
    static let group = CommandGroup.processes
    static let access = AccessClass.manage
    var targetApp: String? { app }

    @Argument(help: "The app.") var app: String
    @Argument(help: "[TYPE] then KEY=VALUE pairs: memory=512m cpus=1 pids=256.") var words: [String] = []

    func run(_ ctx: CommandContext) throws {
        let process = words.first.flatMap { $0.contains("=") ? nil : $0 }
        let pairs = process == nil ? words : Array(words.dropFirst())
        let stored = try ResourceLimit.set(app: app, process: process, pairs: pairs, store: try ctx.platform.store)
        let what = stored.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
        ctx.err.line(
            "-----> \(app)\(process.map { " \($0)" } ?? ""): \(what) (applies on the next deploy or ps:restart)")
    }
}
