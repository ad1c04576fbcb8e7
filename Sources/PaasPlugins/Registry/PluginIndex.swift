/// The enabled plugins, read once and arranged for quick look-up: which plugins run for a
/// trigger, in order, and which plugin owns a command.
public struct PluginIndex: Codable, Sendable, Equatable {
    /// One executable the core may start.
    public struct Handler: Codable, Sendable, Equatable {
        /// The plugin's name.
        public var plugin: String
        /// The plugin's folder, absolute, symlinks resolved.
        public var directory: String
        /// The executable, absolute.
        public var executable: String
        /// The trigger order (0 for commands).
        public var order: Int
        /// Seconds before the run is killed; nil for no limit.
        public var timeout: Double?
        /// Whether the core may start it ahead of its request (`PluginManifest.Trigger.prestart`).
        public var prestart = false
    }

    /// An enabled plugin as read from its folder.
    public struct Entry: Codable, Sendable, Equatable {
        /// The plugin's folder, absolute, symlinks resolved.
        public var directory: String
        /// Its manifest.
        public var manifest: PluginManifest
    }

    /// Enabled plugins by name, valid ones only.
    public var plugins: [String: Entry]
    /// Trigger name → handlers sorted by order, then plugin name.
    public var triggers: [String: [Handler]]
    /// Command name → its handler.
    public var commands: [String: Handler]
    /// Enabled plugins that were skipped, each with why (one line naming the plugin).
    public var problems: [String]
    /// The problems of skipped plugins that declare, or may declare, `user-auth`: while there is
    /// one, every command is refused (a broken guard must not fail open).
    public var brokenGuards: [String]

    /// The handlers of `trigger`, in the order they run.
    public func handlers(for trigger: String) -> [Handler] { triggers[trigger] ?? [] }

    /// Arranges valid plugins into an index.
    init(entries: [Entry], problems: [String], brokenGuards: [String] = []) {
        var plugins: [String: Entry] = [:]
        var triggers: [String: [Handler]] = [:]
        var commands: [String: Handler] = [:]
        var problems = problems
        var brokenGuards = brokenGuards
        for entry in entries.sorted(by: { $0.manifest.name < $1.manifest.name }) {
            let m = entry.manifest
            if let clash = m.commands.keys.sorted().first(where: { commands[$0] != nil }) {
                let problem = PluginError.commandTaken(command: clash, plugin: m.name, owner: commands[clash]!.plugin)
                problems.append(problem.description)
                if m.triggers["user-auth"] != nil { brokenGuards.append(problem.description) }
                continue
            }
            plugins[m.name] = entry
            for (name, t) in m.triggers {
                triggers[name, default: []].append(
                    Handler(plugin: m.name, directory: entry.directory, executable: entry.directory + "/" + t.run,
                        order: t.order, timeout: t.timeout, prestart: t.prestart))
            }
            for (name, c) in m.commands {
                commands[name] = Handler(
                    plugin: m.name, directory: entry.directory, executable: entry.directory + "/" + c.run, order: 0,
                    timeout: c.timeout)
            }
        }
        for key in triggers.keys {
            triggers[key]!.sort { ($0.order, $0.plugin) < ($1.order, $1.plugin) }
        }
        self.plugins = plugins
        self.triggers = triggers
        self.commands = commands
        self.problems = problems
        self.brokenGuards = brokenGuards
    }
}
