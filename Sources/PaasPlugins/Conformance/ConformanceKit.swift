import Foundation
import PaasPluginKit
import PaasSupport

/// `plugin:test`: runs a plugin folder against every trigger and command its manifest declares
/// and reports each protocol violation. Requests: valid ones (the typed payloads' samples), the
/// same with unknown fields (which must not change the outcome), malformed ones (cut-off JSON,
/// wrong field types), a closed stdin; every run under the manifest's timeout.
///
/// The plugin runs for real: against `root` as its `PAAS_ROOT` (a scratch state root unless the
/// caller gives one) with `PAAS_BIN_DIR` from `environment`.
public struct ConformanceKit: Sendable {
    /// The state root the plugin sees.
    public let root: StateRoot
    /// The environment runs inherit (before the `PAAS_*` variables).
    public let environment: [String: String]
    /// The limit for commands whose manifest sets no timeout.
    public var commandTimeout: Double = 10
    /// Where the plugin's stderr goes.
    public let stderrSink: @Sendable ([UInt8]) -> Void

    /// A kit running plugins against `root`.
    public init(
        root: StateRoot, environment: [String: String] = ProcessInfo.processInfo.environment,
        stderrSink: @escaping @Sendable ([UInt8]) -> Void = { _ in }
    ) {
        self.root = root
        self.environment = environment
        self.stderrSink = stderrSink
    }

    /// Runs every check on the plugin in `directory`.
    public func test(_ directory: String) -> ConformanceReport {
        let folder = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        var report = ConformanceReport(plugin: (folder as NSString).lastPathComponent, runs: 0, violations: [])
        let manifest: PluginManifest
        do {
            manifest = try PluginManifest.load(fromDirectory: folder)
        } catch {
            report.violations.append(Violation(.manifest, target: "", request: "", detail: "\(error)"))
            return report
        }
        report.plugin = manifest.name
        let runner = PluginRunner(
            registry: PluginRegistry(root: root, usesCache: false), paasVersion: PaasVersion.current,
            environment: environment, stderrSink: stderrSink)
        for (name, entry) in manifest.triggers.sorted(by: { $0.key < $1.key }) {
            guard let trigger = TriggerCatalog.named(name) else { continue }
            let handler = PluginIndex.Handler(
                plugin: manifest.name, directory: folder, executable: folder + "/" + entry.run, order: entry.order,
                timeout: entry.timeout)
            TriggerCheck(runner: runner, trigger: trigger, handler: handler).run(into: &report)
        }
        for (name, entry) in manifest.commands.sorted(by: { $0.key < $1.key }) {
            let handler = PluginIndex.Handler(
                plugin: manifest.name, directory: folder, executable: folder + "/" + entry.run, order: 0,
                timeout: entry.timeout ?? commandTimeout)
            CommandCheck(runner: runner, command: name, handler: handler).run(into: &report)
        }
        return report
    }
}
