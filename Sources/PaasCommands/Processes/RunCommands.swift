import ArgumentParser
import PaasDeploy

struct Run: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run a command in a one-off container of the app; exits with its status.")
    static let group = CommandGroup.processes
    static let access = AccessClass.deploy
    var targetApp: String? { app }
    @Argument(help: "The app.") var app: String
    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments.") var command: [String] = []

    func run(_ ctx: CommandContext) throws {
        guard !command.isEmpty else { throw ValidationError("run needs a command, like: run \(app) ls -la") }
        let result = try OneOffRun(platform: try ctx.platform).run(app: app, command: command, detached: false)
        if result.status != 0 { throw ExitCodeError(code: result.status) }
    }
}

struct RunDetached: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "run:detached", abstract: "Start a one-off container in the background; its output goes to logs.")
    static let group = CommandGroup.processes
    static let access = AccessClass.deploy
    var targetApp: String? { app }
    @Argument(help: "The app.") var app: String
    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments.") var command: [String] = []

    func run(_ ctx: CommandContext) throws {
        guard !command.isEmpty else { throw ValidationError("run:detached needs a command") }
        let result = try OneOffRun(platform: try ctx.platform).run(app: app, command: command, detached: true)
        ctx.out.line(result.name)
    }
}

struct Logs: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Show (-t: follow) an app's output.")
    static let group = CommandGroup.processes
    static let access = AccessClass.read
    var targetApp: String? { app }
    @Argument(help: "The app.") var app: String
    @Flag(name: .shortAndLong, help: "Keep following new output until you leave.") var tail = false
    @Option(name: [.customShort("n"), .long], help: "Lines of recent output per container (at most \(Logs.maxLines)).")
    var num: Int = 100

    /// The most lines `-n` may ask for per container: enough to read, bounded to keep memory low.
    static let maxLines = 10_000
    @Option(name: [.customShort("p"), .long], help: "Only this process type.") var ps: String?

    func run(_ ctx: CommandContext) throws {
        guard (0...Logs.maxLines).contains(num) else {
            throw ValidationError("-n takes 0 to \(Logs.maxLines) lines (got \(num))")
        }
        let platform = try ctx.platform
        _ = try platform.store.requireApp(app)
        try LogStreamer(platform: platform, out: ctx.out).show(app: app, process: ps, tail: num, follow: tail)
    }
}
