import Foundation
import PaasPluginKit
import PaasPlugins
import PaasSupport

extension Platform {
    /// Fires `trigger` for `app` with `payload`; prints the plugins' warnings; throws when a
    /// plugin stops it. Returns the amendments the plugins asked for.
    @discardableResult
    public func fire<P, C>(_ trigger: Trigger<P, C>, app: String?, payload: P) throws -> C {
        try plugins.fireOrThrow(trigger, app: app, payload: payload, log: log)
    }

    /// Fires a trigger that reports what already happened; failures become warnings.
    public func notify<P, C>(_ trigger: Trigger<P, C>, app: String?, payload: P) {
        do { try fire(trigger, app: app, payload: payload) } catch { log.line(" !     \(error)") }
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
    func fireOrThrow<P, C>(_ trigger: Trigger<P, C>, app: String?, payload: P, log: Terminal) throws -> C {
        try fireOrThrow(prepare(trigger, app: app, payload: payload), log: log)
    }

    /// Fires a prepared request; throws `PluginStop` when a plugin stopped it.
    func fireOrThrow<P, C>(_ prepared: PreparedTrigger<P, C>, log: Terminal) throws -> C {
        let trigger = prepared.trigger
        let outcome = fire(prepared)
        for warning in outcome.warnings { log.line(" !     \(warning)") }
        if let stop = outcome.stop {
            throw PluginStop(plugin: stop.plugin, trigger: trigger.name, message: stop.message, failed: stop.failed)
        }
        return outcome.changes
    }
}

/// A plugin said stop, or failed on a trigger that can stop.
public struct PluginStop: Error, CustomStringConvertible {
    /// The plugin.
    public let plugin: String
    /// The trigger.
    public let trigger: String
    /// Its message, or what was wrong with it.
    public let message: String
    /// True when it failed (crash, timeout, invalid reply) rather than replying `stop`.
    public var failed = false
    public var description: String {
        failed ? "plugin '\(plugin)' failed on \(trigger): \(message)" : "plugin '\(plugin)' stopped \(trigger): \(message)"
    }
}
