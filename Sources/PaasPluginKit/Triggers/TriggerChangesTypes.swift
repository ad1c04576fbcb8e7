/// Amendments of a trigger that honours none: any `changes` are ignored with a warning.
public struct NoChanges: TriggerChanges {
    public static let fields: [Amendment] = []
    public init() {}
    public init(_ changes: PluginChanges) {}
    public static var sample: NoChanges { NoChanges() }
}

/// What `pre-build` honours: build arguments for a Dockerfile build.
public struct BuildChanges: TriggerChanges {
    /// Build arguments (`--build-arg`) added to a Dockerfile build; a later plugin wins a key.
    public var buildArgs: [String: String]

    public static let fields: [Amendment] = [.buildArgs]
    /// Amendments.
    public init(buildArgs: [String: String] = [:]) { self.buildArgs = buildArgs }
    public init(_ changes: PluginChanges) { self.init(buildArgs: changes.buildArgs) }
    public static var sample: BuildChanges { BuildChanges(buildArgs: ["GREETING": "hello"]) }
}

/// What `container-create` honours: the container's environment, labels and mounts.
public struct ContainerChanges: TriggerChanges {
    /// Environment variables added to (or overriding) the container's.
    public var env: [String: String]
    /// Docker labels added; keys starting with `paas.` are reserved and dropped.
    public var labels: [String: String]
    /// Mounts in Docker's short form `SOURCE:TARGET[:ro]`.
    public var mounts: [String]

    public static let fields: [Amendment] = [.env, .labels, .mounts]
    /// Amendments.
    public init(env: [String: String] = [:], labels: [String: String] = [:], mounts: [String] = []) {
        self.env = env
        self.labels = labels
        self.mounts = mounts
    }
    public init(_ changes: PluginChanges) {
        self.init(
            env: changes.env, labels: changes.labels.filter { !$0.key.hasPrefix("paas.") }, mounts: changes.mounts)
    }
    public static var sample: ContainerChanges {
        ContainerChanges(env: ["REGION": "eu-west"], labels: ["team": "web"], mounts: ["/srv/shared:/shared:ro"])
    }
}

/// What `health-check` honours: more checks the new containers must pass before traffic moves.
public struct CheckChanges: TriggerChanges {
    /// Checks added to the app's own; they accumulate across plugins.
    public var checks: [HealthCheck]

    public static let fields: [Amendment] = [.checks]
    /// Amendments.
    public init(checks: [HealthCheck] = []) { self.checks = checks }
    public init(_ changes: PluginChanges) { self.init(checks: changes.checks) }
    public static var sample: CheckChanges {
        CheckChanges(checks: [
            HealthCheck(
                name: "db", process: "web", path: "/health/db", status: 200, contains: "ok", timeout: 5, attempts: 5),
            HealthCheck(name: "up", path: "/up"),
        ])
    }
}
