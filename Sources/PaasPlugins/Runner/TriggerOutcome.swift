import PaasPluginKit

/// A plugin that stopped the core's work, and why.
public struct TriggerStop: Sendable, Equatable, CustomStringConvertible {
    /// The plugin's name.
    public var plugin: String
    /// Its message, or what went wrong with it (one line).
    public var message: String
    /// True when the plugin failed (crashed, timed out, gave an invalid reply) rather than
    /// replying `stop`.
    public var failed: Bool

    /// A stop by `plugin`.
    public init(plugin: String, message: String, failed: Bool = false) {
        self.plugin = plugin
        self.message = message
        self.failed = failed
    }

    public var description: String { "plugin '\(plugin)': \(message)" }
}

/// What firing a trigger came to.
public struct TriggerOutcome<Changes: TriggerChanges>: Sendable, Equatable {
    /// Set when a plugin stopped the work (or failed on a trigger that can stop); the plugins
    /// after it were not started.
    public var stop: TriggerStop?
    /// The amendments of every plugin that ran, merged in order, limited to what the trigger honours.
    public var changes: Changes
    /// Notes to show the user: failures on triggers that cannot stop, ignored amendments,
    /// messages of plugins that continued.
    public var warnings: [String]
    /// The plugins started, in order.
    public var ran: [String]

    /// True when the core should go on.
    public var shouldContinue: Bool { stop == nil }
}
