/// A plugin's `plugin.json`: who it is and which triggers and commands it implements.
public struct PluginManifest: Codable, Sendable, Equatable {
    /// How a trigger is handled.
    public struct Trigger: Codable, Sendable, Equatable {
        /// The executable, relative to the plugin's folder.
        public var run: String
        /// Lower runs earlier; ties go by plugin name. Default 50.
        public var order: Int
        /// Seconds before the run is killed. Default 30.
        public var timeout: Double
        /// The core may start the executable ahead, before the request is ready, and write the
        /// request when it is (`proxy-update` during a rollout): its start-up is then off the
        /// critical path. Default false. See docs/plugins.md, "Started ahead".
        public var prestart: Bool

        /// A trigger entry.
        public init(run: String, order: Int = 50, timeout: Double = 30, prestart: Bool = false) {
            self.run = run
            self.order = order
            self.timeout = timeout
            self.prestart = prestart
        }

        private enum CodingKeys: String, CodingKey { case run, order, timeout, prestart }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            run = try c.decode(String.self, forKey: .run)
            order = try c.decodeIfPresent(Int.self, forKey: .order) ?? 50
            timeout = try c.decodeIfPresent(Double.self, forKey: .timeout) ?? 30
            prestart = try c.decodeIfPresent(Bool.self, forKey: .prestart) ?? false
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(run, forKey: .run)
            try c.encode(order, forKey: .order)
            try c.encode(timeout, forKey: .timeout)
            if prestart { try c.encode(prestart, forKey: .prestart) }
        }
    }

    /// How a command is handled.
    public struct Command: Codable, Sendable, Equatable {
        /// The role a key needs on the command's app (`acl:grant`).
        public enum Role: String, Codable, Sendable, CaseIterable {
            case read, deploy, admin
        }

        /// The executable, relative to the plugin's folder.
        public var run: String
        /// One line for `paas help`.
        public var help: String?
        /// Seconds before the command is killed; nil (the default) means no limit.
        public var timeout: Double?
        /// Which argument names the app the command acts on, counting from 1 after the command
        /// name (`maintenance:on web` → 1). nil: it acts on the host, and over ssh only admin
        /// keys may run it.
        public var app: Int?
        /// The role a key needs on that app; default `deploy`. Only with `app`.
        public var role: Role?

        /// A command entry.
        public init(run: String, help: String? = nil, timeout: Double? = nil, app: Int? = nil, role: Role? = nil) {
            self.run = run
            self.help = help
            self.timeout = timeout
            self.app = app
            self.role = role
        }

        /// The app named by `args` (the words after the command name), if the command declares one
        /// and it was given.
        public func app(in args: [String]) -> String? {
            guard let app, app >= 1, app <= args.count else { return nil }
            return args[app - 1]
        }
    }

    /// Lower case letters, digits and dashes, starting with a letter.
    public var name: String
    /// The plugin's own version, free text ("1.2.0").
    public var version: String
    /// One line saying what it does.
    public var description: String?
    /// The protocol version it speaks.
    public var `protocol`: Int
    /// Trigger name → how it is handled.
    public var triggers: [String: Trigger]
    /// Command name (`prefix:verb`) → how it is handled.
    public var commands: [String: Command]

    /// A manifest.
    public init(
        name: String, version: String, description: String? = nil, protocol: Int = 1,
        triggers: [String: Trigger] = [:], commands: [String: Command] = [:]
    ) {
        self.name = name
        self.version = version
        self.description = description
        self.protocol = `protocol`
        self.triggers = triggers
        self.commands = commands
    }

    private enum CodingKeys: String, CodingKey { case name, version, description, `protocol`, triggers, commands }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        version = try c.decode(String.self, forKey: .version)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        self.protocol = try c.decode(Int.self, forKey: .protocol)
        triggers = try c.decodeIfPresent([String: Trigger].self, forKey: .triggers) ?? [:]
        commands = try c.decodeIfPresent([String: Command].self, forKey: .commands) ?? [:]
    }
}
