import ArgumentParser
import Foundation
import PaasDeploy
import PaasPluginKit
import PaasPlugins
import PaasSupport

/// Runs one command line: finds the command, parses its arguments, runs it, and turns every
/// failure into one line on stderr and a non-zero exit status.
public enum Dispatcher {
    /// Runs `words` (`["config:set", "myapp", "K=V"]`) in `ctx`; returns the exit status.
    public static func run(_ words: [String], ctx: CommandContext) -> Int32 {
        guard let name = words.first else {
            return run(["help"], ctx: ctx)
        }
        let arguments = Array(words.dropFirst())
        if name == "--help" || name == "-h" { return run(["help"], ctx: ctx) }
        if name == "--version" { return run(["version"], ctx: ctx) }
        do {
            // While paas upgrades itself only read-only commands run ("paas is upgrading to V").
            try UpgradeGuard.refuseChanges(name, root: ctx.root)
        } catch {
            ctx.err.line("paas: \(error)")
            return 1
        }
        guard let type = CommandTable.find(name) else {
            return runPlugin(name, arguments, ctx: ctx)
        }
        do {
            var command = try type.parse(arguments)
            try command.validate()
            // After parsing: the app checked is the one the command will act on.
            let canonical = type.configuration.commandName ?? name
            try Authorizer.check(canonical, type.access, app: command.targetApp, ctx: ctx)
            try authorize(canonical, arguments, ctx: ctx, app: command.targetApp)
            try command.run(ctx)
            return 0
        } catch let error as ExitCodeError {
            if !error.message.isEmpty { ctx.err.line("paas: \(error.message)") }
            return error.code
        } catch let error as CancelledError {
            ctx.err.line("paas: \(error)")
            return 130
        } catch {
            let code = type.exitCode(for: error)
            if code == .success {
                ctx.out.line(type.fullMessage(for: error))
                return 0
            }
            if code == .validationFailure {
                let message = type.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
                ctx.err.line("paas \(name): \(message.replacingOccurrences(of: "Error: ", with: "")) (usage: \(usage(type)))")
                return 2
            }
            ctx.err.line("paas: \(error)".split(separator: "\n").joined(separator: " "))
            return max(code.rawValue, 1)
        }
    }

    /// Lets `user-auth` plugins refuse the command, once it is parsed and `app` is the app it
    /// acts on. While an enabled plugin that may answer `user-auth` is broken, every command is
    /// refused (except, as root on the host, the plugin commands that fix it).
    static func authorize(_ name: String, _ arguments: [String], ctx: CommandContext, app: String?) throws {
        let plugins = try ctx.plugins
        let trigger = Trigger.userAuth
        guard plugins.registry.mayHandle(trigger.name) else { return }
        let index = plugins.registry.index()
        if let broken = index.brokenGuards.first, ctx.viaSSH || !name.hasPrefix("plugin:") {
            throw ExitCodeError(
                code: 1,
                message: "\(name) refused: a user-auth plugin is broken and every command is refused until it is fixed "
                    + "(\(broken); as root: paas plugin:report, plugin:install --replace or plugin:disable)")
        }
        guard !index.handlers(for: trigger.name).isEmpty else { return }
        let outcome = plugins.fire(
            trigger, app: app,
            payload: UserAuth(user: ctx.user, key: ctx.user, command: name, args: arguments, viaSSH: ctx.viaSSH))
        for warning in outcome.warnings { ctx.err.line(" !     \(warning)") }
        if let stop = outcome.stop {
            throw ExitCodeError(code: 1, message: "\(name) refused by plugin '\(stop.plugin)': \(stop.message)")
        }
    }

    /// Runs a plugin's command after checking the caller may run it on the app its manifest
    /// names, or says the command is unknown.
    static func runPlugin(_ name: String, _ arguments: [String], ctx: CommandContext) -> Int32 {
        do {
            let plugins = try ctx.plugins
            guard let entry = plugins.commandEntry(name) else {
                let shown = AccessDenied.printable(name)
                ctx.err.line("paas: unknown command '\(shown)' (run 'help' to see every command)")
                return 1
            }
            let app = entry.app(in: arguments)
            let access: AccessClass
            switch (app, entry.role ?? .deploy) {
            case (nil, _): access = .admin
            case (_, .read): access = .read
            case (_, .deploy): access = .deploy
            case (_, .admin): access = .manage
            }
            try Authorizer.check(name, access, app: app, ctx: ctx)
            try authorize(name, arguments, ctx: ctx, app: app)
            return try plugins.runCommand(name, args: arguments, app: app)
        } catch let error as ExitCodeError {
            ctx.err.line("paas: \(error.message)")
            return error.code
        } catch {
            ctx.err.line("paas: \(error)")
            return 1
        }
    }

    static func usage(_ type: any PaasCommand.Type) -> String {
        type.usageString(for: []).replacingOccurrences(of: "\n", with: " ")
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}

/// A failure with a chosen exit status and message (`config:get` of an unset key exits 1 silently).
public struct ExitCodeError: Error, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public init(code: Int32, message: String = "") {
        self.code = code
        self.message = message
    }

    /// The message, or the exit status when there is none.
    public var description: String { message.isEmpty ? "exit status \(code)" : message }
}

extension ParsableCommand {
    static func usageString(for arguments: [String]) -> String {
        let text = helpMessage()
        guard let range = text.range(of: "USAGE: ") else { return configuration.commandName ?? "" }
        return String(text[range.upperBound...].prefix { $0 != "\n" }).trimmingCharacters(in: .whitespaces)
    }
}
