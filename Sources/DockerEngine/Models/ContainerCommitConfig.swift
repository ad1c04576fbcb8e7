/// The run configuration to give an image made by `commitContainer`; nil fields keep the
/// container's own.
public struct ContainerCommitConfig: Sendable, Equatable, Encodable {
    public var cmd: [String]?
    public var entrypoint: [String]?
    public var env: [String]?
    /// Ports such as "5000/tcp".
    public var exposedPorts: [String]?
    public var workingDir: String?
    public var labels: [String: String]?

    /// Creates a commit config.
    public init(
        cmd: [String]? = nil, entrypoint: [String]? = nil, env: [String]? = nil, exposedPorts: [String]? = nil,
        workingDir: String? = nil, labels: [String: String]? = nil
    ) {
        self.cmd = cmd
        self.entrypoint = entrypoint
        self.env = env
        self.exposedPorts = exposedPorts
        self.workingDir = workingDir
        self.labels = labels
    }

    // Names mirror Docker's JSON keys.

    // swift-format-ignore: AlwaysUseLowerCamelCase
    private enum CodingKeys: String, CodingKey { case Cmd, Entrypoint, Env, ExposedPorts, WorkingDir, Labels }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(cmd, forKey: .Cmd)
        try c.encodeIfPresent(entrypoint, forKey: .Entrypoint)
        try c.encodeIfPresent(env, forKey: .Env)
        try c.encodeIfPresent(exposedPorts.map(portSet), forKey: .ExposedPorts)
        try c.encodeIfPresent(workingDir, forKey: .WorkingDir)
        try c.encodeIfPresent(labels, forKey: .Labels)
    }
}
