import PaasPluginKit

/// What firing a trigger came to.
public struct TriggerOutcome: Sendable, Equatable {
    /// A plugin that stopped the core's work, and why.
    public struct Stop: Sendable, Equatable, CustomStringConvertible {
        /// The plugin's name.
        public var plugin: String
        /// Its message, or what went wrong with it (one line).
        public var message: String
        /// A stop by `plugin`.
        public init(plugin: String, message: String) {
            self.plugin = plugin
            self.message = message
        }

        public var description: String { "plugin '\(plugin)': \(message)" }
    }

    /// Set when a plugin stopped the work (or failed on a trigger that can stop); the plugins
    /// after it were not started.
    public var stop: Stop?
    /// The amendments of every plugin that ran, merged in order, limited to what the trigger honours.
    public var changes: PluginChanges
    /// Notes to show the user: failures on triggers that cannot stop, ignored amendments,
    /// messages of plugins that continued.
    public var warnings: [String]
    /// The plugins started, in order.
    public var ran: [String]

    /// True when the core should go on.
    public var shouldContinue: Bool { stop == nil }
}
