import ArgumentParser
import Foundation
import PaasPlugins
import PaasSupport

/// `plugin:test PATH`: the conformance kit (docs/plugins.md, "Testing a plugin").
struct PluginTest: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin:test",
        abstract: "Run a plugin folder against every trigger and command it declares; report protocol violations.")
    static let group = CommandGroup.plugins
    @Argument(help: "The plugin folder (with plugin.json); it need not be installed.") var path: String
    @Option(
        name: .long, help: "The state root the plugin sees as PAAS_ROOT (default: a scratch one, removed afterwards).")
    var root: String?

    func run(_ ctx: CommandContext) throws {
        try requireLocal(ctx, "plugin:test")
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let scratch = root == nil ? NSTemporaryDirectory() + "paas-plugin-test-" + UUID().uuidString : nil
        defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
        let stateRoot = StateRoot(path: root ?? scratch!)
        guard FileManager.default.fileExists(atPath: stateRoot.path) || scratch != nil else {
            throw ValidationError("--root \(stateRoot.path) does not exist")
        }
        try stateRoot.prepare()
        var environment = ProcessInfo.processInfo.environment
        environment["PAAS_ROOT"] = stateRoot.path
        environment["PAAS_BIN_DIR"] = environment["PAAS_BIN_DIR"] ?? Executable.directory
        ctx.err.line("-----> Testing \(absolute) against \(root == nil ? "a scratch state root" : stateRoot.path)")
        let report = ConformanceKit(root: stateRoot, environment: environment).test(absolute)
        for violation in report.violations { ctx.out.line(violation.description) }
        let summary = "\(report.plugin): \(report.runs) runs, \(report.violations.count) violation(s)"
        guard report.passed else { throw ExitCodeError(code: 1, message: "plugin:test \(summary)") }
        ctx.err.line("-----> \(summary)")
    }
}
