import ArgumentParser
import PaasDeploy
import PaasSupport

/// A paas command: parsed by argument-parser, run with a context.
public protocol PaasCommand: ParsableCommand {
    /// Which group `help` lists the command under.
    static var group: CommandGroup { get }
    /// Runs the command; throw to fail with a one-line message.
    func run(_ ctx: CommandContext) throws
}

extension PaasCommand {
    public func run() throws {
        try run(CommandContext.fromEnvironment(user: CommandContext.localUser()))
    }
}

/// The groups `help` shows, in order.
public enum CommandGroup: String, CaseIterable, Sendable {
    case apps = "Apps"
    case config = "Config"
    case releases = "Releases"
    case processes = "Processes"
    case domains = "Domains"
    case builds = "Builds"
    case checks = "Checks"
    case plugins = "Plugins"
    case keys = "SSH keys"
    case upgrade = "Upgrade"
    case meta = "General"
}

/// `--format json` for commands that print something a script may read.
public struct FormatOption: ParsableArguments {
    public enum Format: String, ExpressibleByArgument, Sendable { case text, json }
    @Option(name: .long, help: "Output format: text or json.")
    public var format: Format = .text
    public init() {}
}
