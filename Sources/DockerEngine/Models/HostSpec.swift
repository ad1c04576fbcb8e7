/// How the host runs a container: `HostConfig` in the create body.
public struct HostSpec: Sendable, Equatable, Encodable {
    /// Container port ("5000/tcp") to host bindings.
    public var portBindings: [String: [PortBinding]]
    /// "no", "always", "unless-stopped", "on-failure"; nil leaves Docker's default.
    public var restartPolicy: String?
    /// "host-path:container-path[:ro]" or "volume:container-path".
    public var binds: [String]
    public var autoRemove: Bool
    /// Runs an init process as PID 1 when true.
    public var `init`: Bool?
    /// "bridge", "host", "none" or a network name.
    public var networkMode: String?
    /// "host" shares the host's process namespace; nil gives the container its own.
    public var pidMode: String?
    /// The memory limit in bytes (swap included, so it cannot be dodged by swapping); nil: none.
    public var memory: Int64?
    /// CPU time in billionths of a CPU (1e9 is one CPU); nil: no limit.
    public var nanoCpus: Int64?
    /// How many processes and threads the container may have; nil: no limit.
    public var pidsLimit: Int64?
    /// The log driver and its options ("json-file", max-size...); nil: the daemon's default.
    public var logConfig: LogConfig?
    /// Capabilities removed from Docker's default set ("NET_RAW").
    public var capDrop: [String]
    /// Security options ("no-new-privileges").
    public var securityOpt: [String]

    /// Creates a host config; all defaults leave Docker's own.
    public init(
        portBindings: [String: [PortBinding]] = [:], restartPolicy: String? = nil, binds: [String] = [],
        autoRemove: Bool = false, init: Bool? = nil, networkMode: String? = nil, memory: Int64? = nil,
        nanoCpus: Int64? = nil, pidsLimit: Int64? = nil, logConfig: LogConfig? = nil, capDrop: [String] = [],
        securityOpt: [String] = [], pidMode: String? = nil
    ) {
        self.portBindings = portBindings
        self.restartPolicy = restartPolicy
        self.binds = binds
        self.autoRemove = autoRemove
        self.`init` = `init`
        self.networkMode = networkMode
        self.memory = memory
        self.nanoCpus = nanoCpus
        self.pidsLimit = pidsLimit
        self.logConfig = logConfig
        self.capDrop = capDrop
        self.securityOpt = securityOpt
        self.pidMode = pidMode
    }

    // Names mirror Docker's JSON keys.

    // swift-format-ignore: AlwaysUseLowerCamelCase
    private enum CodingKeys: String, CodingKey {
        case PortBindings, RestartPolicy, Binds, AutoRemove, Init, NetworkMode, Memory, MemorySwap, NanoCpus
        case PidsLimit, LogConfig, CapDrop, SecurityOpt, PidMode
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(portBindings, forKey: .PortBindings)
        if let restartPolicy { try c.encode(["Name": restartPolicy], forKey: .RestartPolicy) }
        try c.encode(binds, forKey: .Binds)
        try c.encode(autoRemove, forKey: .AutoRemove)
        try c.encodeIfPresent(`init`, forKey: .Init)
        try c.encodeIfPresent(networkMode, forKey: .NetworkMode)
        try c.encodeIfPresent(memory, forKey: .Memory)
        try c.encodeIfPresent(memory, forKey: .MemorySwap)
        try c.encodeIfPresent(nanoCpus, forKey: .NanoCpus)
        try c.encodeIfPresent(pidsLimit, forKey: .PidsLimit)
        try c.encodeIfPresent(logConfig, forKey: .LogConfig)
        if !capDrop.isEmpty { try c.encode(capDrop, forKey: .CapDrop) }
        if !securityOpt.isEmpty { try c.encode(securityOpt, forKey: .SecurityOpt) }
        try c.encodeIfPresent(pidMode, forKey: .PidMode)
    }
}

/// A container's log driver and its options: `HostConfig.LogConfig`.
public struct LogConfig: Sendable, Equatable, Encodable {
    /// "json-file", "local", "none"...
    public var type: String
    /// Driver options such as `max-size` and `max-file`.
    public var config: [String: String]

    /// A log configuration of driver `type`.
    public init(type: String, config: [String: String] = [:]) {
        self.type = type
        self.config = config
    }

    // Names mirror Docker's JSON keys.

    // swift-format-ignore: AlwaysUseLowerCamelCase
    private enum CodingKeys: String, CodingKey {
        case driver = "Type"
        case Config
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .driver)
        try c.encode(config, forKey: .Config)
    }
}
