/// Amendments a plugin asks for in its reply. Which fields a trigger honours is listed in
/// docs/plugins.md (`container-create`: env, labels, mounts; `pre-build`: buildArgs;
/// `health-check`: checks); the rest are ignored with a warning.
public struct PluginChanges: Codable, Sendable, Equatable {
    /// Environment variables added to (or overriding) the container's.
    public var env: [String: String]
    /// Docker labels added to the container. Keys starting with `paas.` are refused by the core.
    public var labels: [String: String]
    /// Mounts in Docker's `-v` short form: `SOURCE:TARGET[:ro]`.
    public var mounts: [String]
    /// Build arguments (`--build-arg`) added to a Dockerfile build.
    public var buildArgs: [String: String]
    /// Health checks added to the ones the app declares.
    public var checks: [HealthCheck]

    /// Amendments; all empty by default.
    public init(
        env: [String: String] = [:], labels: [String: String] = [:], mounts: [String] = [],
        buildArgs: [String: String] = [:], checks: [HealthCheck] = []
    ) {
        self.env = env
        self.labels = labels
        self.mounts = mounts
        self.buildArgs = buildArgs
        self.checks = checks
    }

    /// True when nothing is asked for.
    public var isEmpty: Bool {
        env.isEmpty && labels.isEmpty && mounts.isEmpty && buildArgs.isEmpty && checks.isEmpty
    }

    /// These amendments followed by `later`'s: for the same key the later plugin wins; mounts and
    /// checks accumulate (a mount or check already present is not repeated).
    public func merged(with later: PluginChanges) -> PluginChanges {
        var result = self
        result.env.merge(later.env) { _, new in new }
        result.labels.merge(later.labels) { _, new in new }
        result.buildArgs.merge(later.buildArgs) { _, new in new }
        for mount in later.mounts where !result.mounts.contains(mount) { result.mounts.append(mount) }
        for check in later.checks where !result.checks.contains(check) { result.checks.append(check) }
        return result
    }

    private enum CodingKeys: String, CodingKey { case env, labels, mounts, buildArgs, checks }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.env = try c.decodeIfPresent([String: String].self, forKey: .env) ?? [:]
        self.labels = try c.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        self.mounts = try c.decodeIfPresent([String].self, forKey: .mounts) ?? []
        self.buildArgs = try c.decodeIfPresent([String: String].self, forKey: .buildArgs) ?? [:]
        self.checks = try c.decodeIfPresent([HealthCheck].self, forKey: .checks) ?? []
    }
}
