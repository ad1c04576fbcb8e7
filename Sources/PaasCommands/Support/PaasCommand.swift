import ArgumentParser
import PaasDeploy
import PaasSupport

/// A paas command: parsed by argument-parser, run with a context.
public protocol PaasCommand: ParsableCommand {
    /// Which group `help` lists the command under.
    static var group: CommandGroup { get }
    /// What a key needs to run the command over ssh (docs/security.md lists every command's).
    static var access: AccessClass { get }
    /// The app the command acts on, once parsed; nil when it acts on the host as a whole
    /// (`config:set --global`), which then needs a host admin.
    var targetApp: String? { get }
    /// Runs the command; throw to fail with a one-line message.
    func run(_ ctx: CommandContext) throws
}

extension PaasCommand {
    /// Unless a command says otherwise, only host admins may run it over ssh.
    public static var access: AccessClass { .admin }
    /// Unless a command says otherwise, it acts on no one app.
    public var targetApp: String? { nil }

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
    case proxy = "Proxy"
    case certs = "Certificates"
    case builds = "Builds"
    case repos = "Shared repositories"
    case nodes = "Swarm: nodes, scheduler, accessories"
    case checks = "Checks"
    case plugins = "Plugins"
    case keys = "SSH keys"
    case access = "Access"
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
