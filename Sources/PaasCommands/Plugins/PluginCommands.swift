import ArgumentParser
import Foundation
import PaasDeploy
import PaasPlugins

/// The registry of this state root, refusing plugin commands that shadow built-ins.
private func registry(_ ctx: CommandContext) throws -> PluginRegistry {
    try ctx.root.prepare()
    return PluginRegistry(root: ctx.root, reserved: CommandTable.names)
}

/// Only root on the host (or an ssh key with the admin role, later) may change plugins: a
/// plugin runs code as the paas user.
func requireLocal(_ ctx: CommandContext, _ command: String) throws {
    if ctx.viaSSH {
        throw ExitCodeError(code: 1, message: "\(command) runs code on the server: run it on the host as root (sudo paas \(command) ...)")
    }
}

struct PluginList: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "plugin:list", abstract: "List installed plugins.")
    static let group = CommandGroup.plugins
    @OptionGroup var output: FormatOption

    func run(_ ctx: CommandContext) throws {
        let plugins = try registry(ctx).list()
        switch output.format {
        case .json: try ctx.out.json(plugins.map { PluginView($0) })
        case .text:
            ctx.out.line("=====> Plugins")
            for p in plugins {
                let state = p.problem != nil ? "broken" : (p.enabled ? "enabled" : "disabled")
                ctx.out.line(
                    p.name.padding(toLength: 20, withPad: " ", startingAt: 0) + p.version.padding(toLength: 10, withPad: " ", startingAt: 0)
                        + state.padding(toLength: 10, withPad: " ", startingAt: 0) + (p.problem ?? p.description ?? ""))
            }
        }
    }
}

struct PluginView: Encodable {
    let name: String
    let version: String
    let description: String?
    let enabled: Bool
    let triggers: [String]
    let commands: [String]
    let problem: String?
    init(_ p: PluginInfo) {
        name = p.name
        version = p.version
        description = p.description
        enabled = p.enabled
        triggers = p.triggers
        commands = p.commands
        problem = p.problem
    }
}

struct PluginInstall: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin:install", abstract: "Install (and enable) a plugin from a folder on the host.")
    static let group = CommandGroup.plugins
    @Argument(help: "The plugin folder (with plugin.json).") var path: String
    @Flag(name: .long, help: "Replace an installed plugin of the same name.") var replace = false

    func run(_ ctx: CommandContext) throws {
        try requireLocal(ctx, "plugin:install")
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let info = try registry(ctx).install(from: absolute, replace: replace)
        ctx.err.line("-----> Installed \(info.name) \(info.version) (enabled)")
    }
}

struct PluginEnable: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "plugin:enable", abstract: "Enable an installed plugin.")
    static let group = CommandGroup.plugins
    @Argument(help: "The plugin.") var name: String
    func run(_ ctx: CommandContext) throws {
        try requireLocal(ctx, "plugin:enable")
        try registry(ctx).enable(name)
        ctx.err.line("-----> Enabled \(name)")
    }
}

struct PluginDisable: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "plugin:disable", abstract: "Disable a plugin (kept installed).")
    static let group = CommandGroup.plugins
    @Argument(help: "The plugin.") var name: String
    func run(_ ctx: CommandContext) throws {
        try requireLocal(ctx, "plugin:disable")
        try registry(ctx).disable(name)
        ctx.err.line("-----> Disabled \(name)")
    }
}

struct PluginUninstall: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "plugin:uninstall", abstract: "Remove a plugin.")
    static let group = CommandGroup.plugins
    @Argument(help: "The plugin.") var name: String
    @Flag(name: .long, help: "Also delete the plugin's data folder.") var purge = false
    func run(_ ctx: CommandContext) throws {
        try requireLocal(ctx, "plugin:uninstall")
        try registry(ctx).uninstall(name, purgeData: purge)
        ctx.err.line("-----> Uninstalled \(name)")
    }
}

struct PluginReport: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "plugin:report", abstract: "Show one plugin in full.")
    static let group = CommandGroup.plugins
    @OptionGroup var output: FormatOption
    @Argument(help: "The plugin.") var name: String

    func run(_ ctx: CommandContext) throws {
        let p = try registry(ctx).report(name)
        switch output.format {
        case .json: try ctx.out.json(PluginView(p))
        case .text:
            ctx.out.line("=====> \(p.name) \(p.version)")
            ctx.out.line("Description:  \(p.description ?? "-")")
            ctx.out.line("Enabled:      \(p.enabled)")
            ctx.out.line("Folder:       \(p.directory)")
            ctx.out.line("Triggers:     \(p.triggers.joined(separator: " "))")
            ctx.out.line("Commands:     \(p.commands.joined(separator: " "))")
            if let problem = p.problem { ctx.out.line("Problem:      \(problem)") }
        }
    }
}
