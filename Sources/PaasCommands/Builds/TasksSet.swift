import ArgumentParser
import PaasDeploy

/// `tasks:set APP timeout SECONDS`: how long a release task may run (the `tasks.timeout` setting).
struct TasksSet: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks:set", abstract: "Set how long release tasks may run: timeout SECONDS (default 600).")
    static let group = CommandGroup.builds

    @Argument(help: "The app.") var app: String
    @Argument(help: "timeout.") var key: String
    @Argument(help: "Seconds, more than 0; empty resets to the default.") var value: String

    func run(_ ctx: CommandContext) throws {
        let store = try ctx.platform.store
        _ = try store.requireApp(app)
        guard key == "timeout" else { throw ValidationError("unknown task setting '\(key)': expected timeout") }
        if value.isEmpty {
            try store.setSetting(app, "tasks.timeout", nil)
        } else {
            guard let seconds = Double(value), seconds > 0, seconds <= 86400 else {
                throw ValidationError("timeout must be a number of seconds above 0 and at most 86400, got '\(value)'")
            }
            try store.setSetting(app, "tasks.timeout", value)
        }
        let shown = value.isEmpty ? "default (\(Int(ReleaseTasks.defaultTimeout))s)" : value + "s"
        ctx.err.line("-----> \(app) release task timeout = \(shown)")
    }
}
