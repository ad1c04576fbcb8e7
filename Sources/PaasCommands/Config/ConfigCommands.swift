import AppSpec
import ArgumentParser
import Foundation
import PaasDeploy
import PaasStore

/// Options every config command shares.
struct ConfigScope: ParsableArguments {
    @Flag(name: .long, help: "Act on the global config every app gets (an app's own value wins).")
    var global = false

    /// Splits positional words into the app (unless --global) and the rest.
    func split(_ words: [String], ctx: CommandContext, command: String) throws -> (app: String, rest: [String]) {
        if global { return (Store.globalScope, words) }
        guard let app = words.first else {
            throw ValidationError("missing app name (or --global)")
        }
        _ = try ctx.platform.store.requireApp(app)
        return (app, Array(words.dropFirst()))
    }
}

struct RestartOption: ParsableArguments {
    @Flag(name: .long, help: "Store the change without restarting the app.")
    var noRestart = false
}

struct ConfigShow: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "config:show", abstract: "Show an app's config vars.")
    static let group = CommandGroup.config
    static let access = AccessClass.deploy
    var targetApp: String? { scope.global ? nil : words.first }

    @OptionGroup var scope: ConfigScope
    @OptionGroup var output: FormatOption
    @Argument(help: "The app.") var words: [String] = []

    func run(_ ctx: CommandContext) throws {
        let (app, rest) = try scope.split(words, ctx: ctx, command: "config:show")
        guard rest.isEmpty else { throw ValidationError("config:show takes only the app name") }
        let config = try ctx.platform.store.config(app)
        switch output.format {
        case .json: try ctx.out.json(config)
        case .text:
            ctx.out.line("=====> \(app == Store.globalScope ? "global" : app) config vars")
            let width = (config.keys.map(\.count).max() ?? 0) + 1
            for key in config.keys.sorted() {
                ctx.out.line((key + ":").padding(toLength: width + 2, withPad: " ", startingAt: 0) + config[key]!)
            }
        }
    }
}

struct ConfigGet: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "config:get", abstract: "Print one config var's value (exit 1 when unset).")
    static let group = CommandGroup.config
    static let access = AccessClass.deploy
    var targetApp: String? { scope.global ? nil : words.first }

    @OptionGroup var scope: ConfigScope
    @Flag(name: .long, help: "Print the value base64-encoded.") var encoded = false
    @Argument(help: "The app and the key.") var words: [String] = []

    func run(_ ctx: CommandContext) throws {
        let (app, rest) = try scope.split(words, ctx: ctx, command: "config:get")
        guard rest.count == 1 else { throw ValidationError("config:get takes the app and one KEY") }
        try ConfigPairs.validateKey(rest[0])
        guard let value = try ctx.platform.store.config(app)[rest[0]] else { throw ExitCodeError(code: 1) }
        ctx.out.line(encoded ? Data(value.utf8).base64EncodedString() : value)
    }
}

struct ConfigSet: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "config:set", abstract: "Set config vars (KEY=VALUE ...) and restart the app with them.")
    static let group = CommandGroup.config
    static let access = AccessClass.deploy
    var targetApp: String? { scope.global ? nil : words.first }

    @OptionGroup var scope: ConfigScope
    @OptionGroup var restart: RestartOption
    @Flag(name: .long, help: "Values are base64-encoded.") var encoded = false
    @Argument(help: "The app, then KEY=VALUE pairs.") var words: [String] = []

    func run(_ ctx: CommandContext) throws {
        let (app, rest) = try scope.split(words, ctx: ctx, command: "config:set")
        let pairs = try ConfigPairs.parse(rest, encoded: encoded)
        let keys = pairs.map(\.key).joined(separator: ", ")
        let changed = try ConfigChange(platform: try ctx.platform).apply(
            app: app, restart: !restart.noRestart, description: "Set \(keys)"
        ) { config in
            for pair in pairs { config[pair.key] = pair.value }
        }
        ctx.err.line(changed ? "-----> Set \(keys)" : "-----> \(keys): no change")
    }
}

struct ConfigUnset: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "config:unset", abstract: "Remove config vars and restart the app without them.")
    static let group = CommandGroup.config
    static let access = AccessClass.deploy
    var targetApp: String? { scope.global ? nil : words.first }

    @OptionGroup var scope: ConfigScope
    @OptionGroup var restart: RestartOption
    @Argument(help: "The app, then KEYs.") var words: [String] = []

    func run(_ ctx: CommandContext) throws {
        let (app, keys) = try scope.split(words, ctx: ctx, command: "config:unset")
        guard !keys.isEmpty else { throw ValidationError("config:unset needs at least one KEY") }
        for key in keys { try ConfigPairs.validateKey(key) }
        let changed = try ConfigChange(platform: try ctx.platform).apply(
            app: app, restart: !restart.noRestart, description: "Unset \(keys.joined(separator: ", "))"
        ) { config in
            for key in keys { config[key] = nil }
        }
        ctx.err.line(changed ? "-----> Unset \(keys.joined(separator: ", "))" : "-----> none of them was set")
    }
}

struct ConfigClear: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "config:clear", abstract: "Remove every config var.")
    static let group = CommandGroup.config
    static let access = AccessClass.deploy
    var targetApp: String? { scope.global ? nil : words.first }

    @OptionGroup var scope: ConfigScope
    @OptionGroup var restart: RestartOption
    @Argument(help: "The app.") var words: [String] = []

    func run(_ ctx: CommandContext) throws {
        let (app, rest) = try scope.split(words, ctx: ctx, command: "config:clear")
        guard rest.isEmpty else { throw ValidationError("config:clear takes only the app name") }
        try ConfigChange(platform: try ctx.platform).apply(app: app, restart: !restart.noRestart, description: "Clear config") {
            $0 = [:]
        }
        ctx.err.line("-----> Cleared config")
    }
}

struct ConfigExportCommand: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "config:export", abstract: "Print config vars for a shell, JSON, an env file or docker args.")
    static let group = CommandGroup.config
    static let access = AccessClass.deploy
    var targetApp: String? { scope.global ? nil : words.first }

    enum ExportFormat: String, ExpressibleByArgument {
        case shell, json, envfile
        case dockerArgs = "docker-args"
    }

    @OptionGroup var scope: ConfigScope
    @Option(name: .long, help: "shell, json, envfile or docker-args.") var format: ExportFormat = .shell
    @Flag(name: .long, help: "The merged config the app runs with (global + own).") var merged = false
    @Argument(help: "The app.") var words: [String] = []

    func run(_ ctx: CommandContext) throws {
        let (app, rest) = try scope.split(words, ctx: ctx, command: "config:export")
        guard rest.isEmpty else { throw ValidationError("config:export takes only the app name") }
        let store = try ctx.platform.store
        let vars = merged && app != Store.globalScope ? try store.mergedConfig(app) : try store.config(app)
        let rendered: String
        switch format {
        case .shell: rendered = ConfigExport.render(vars, format: .shell)
        case .json: rendered = ConfigExport.render(vars, format: .json)
        case .envfile: rendered = ConfigExport.render(vars, format: .envfile)
        case .dockerArgs: rendered = ConfigExport.render(vars, format: .dockerArgs)
        }
        ctx.out.write(rendered.hasSuffix("\n") || rendered.isEmpty ? rendered : rendered + "\n")
    }
}
