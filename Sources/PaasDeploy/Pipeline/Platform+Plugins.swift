import Foundation
import PaasPluginKit
import PaasPlugins
import PaasSupport

extension Platform {
    /// Fires `trigger` for `app`; prints the plugins' warnings; throws when a plugin stops it.
    /// Returns the amendments the plugins asked for.
    @discardableResult
    public func fire(_ trigger: String, app: String?, data: JSONValue = .object([:])) throws -> PluginChanges {
        try plugins.fireOrThrow(trigger, app: app, data: data, log: log)
    }

    /// Fires a trigger that cannot stop anything (after the fact); failures become warnings.
    public func notify(_ trigger: String, app: String?, data: JSONValue = .object([:])) {
        do { try fire(trigger, app: app, data: data) } catch { log.line(" !     \(error)") }
    }

    /// The plugin runner for a state root, with the environment plugins get.
    /// `reserved` are the built-in command names: keep it the same everywhere, the plugin index
    /// cache is rebuilt when it changes.
    public static func pluginRunner(root: StateRoot, reserved: Set<String> = []) -> PluginRunner {
        var environment = ProcessInfo.processInfo.environment
        environment["PAAS_ROOT"] = root.path
        environment["PAAS_BIN_DIR"] = Executable.directory
        return PluginRunner(
            registry: PluginRegistry(root: root, reserved: reserved), processRunner: PosixProcessRunner(cancellation: nil),
            paasVersion: PaasVersion.current, environment: environment)
    }
}

extension PluginRunner {
    /// Fires `trigger`, prints the warnings to `log`, throws `PluginStop` when a plugin stops it.
    func fireOrThrow(_ trigger: String, app: String?, data: JSONValue, log: Terminal) throws -> PluginChanges {
        let outcome = fire(trigger, app: app, data: data)
        for warning in outcome.warnings { log.line(" !     \(warning)") }
        if let stop = outcome.stop { throw PluginStop(plugin: stop.plugin, trigger: trigger, message: stop.message) }
        return outcome.changes
    }
}

/// A plugin said stop.
public struct PluginStop: Error, CustomStringConvertible {
    public let plugin: String
    public let trigger: String
    public let message: String
    public var description: String { "plugin '\(plugin)' stopped \(trigger): \(message)" }
}
