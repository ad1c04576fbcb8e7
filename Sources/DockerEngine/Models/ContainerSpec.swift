/// What a container is made from: the body of `POST /containers/create`.
public struct ContainerSpec: Sendable, Equatable, Encodable {
    public var image: String
    /// Replaces the image's CMD when set.
    public var cmd: [String]?
    /// Replaces the image's ENTRYPOINT when set.
    public var entrypoint: [String]?
    /// "KEY=value" entries.
    public var env: [String]
    public var labels: [String: String]
    public var workingDir: String?
    public var user: String?
    /// Ports such as "5000/tcp".
    public var exposedPorts: [String]
    public var tty: Bool
    public var openStdin: Bool
    public var stdinOnce: Bool
    public var attachStdin: Bool
    public var attachStdout: Bool
    public var attachStderr: Bool
    /// Replaces the image's HEALTHCHECK when set.
    public var healthcheck: HealthcheckSpec?
    public var hostConfig: HostSpec

    /// Creates a spec; everything but the image has a default.
    public init(
        image: String, cmd: [String]? = nil, entrypoint: [String]? = nil, env: [String] = [],
        labels: [String: String] = [:], workingDir: String? = nil, user: String? = nil,
        exposedPorts: [String] = [], tty: Bool = false, openStdin: Bool = false, stdinOnce: Bool = false,
        attachStdin: Bool = false, attachStdout: Bool = true, attachStderr: Bool = true,
        healthcheck: HealthcheckSpec? = nil, hostConfig: HostSpec = HostSpec()
    ) {
        self.image = image
        self.cmd = cmd
        self.entrypoint = entrypoint
        self.env = env
        self.labels = labels
        self.workingDir = workingDir
        self.user = user
        self.exposedPorts = exposedPorts
        self.tty = tty
        self.openStdin = openStdin
        self.stdinOnce = stdinOnce
        self.attachStdin = attachStdin
        self.attachStdout = attachStdout
        self.attachStderr = attachStderr
        self.healthcheck = healthcheck
        self.hostConfig = hostConfig
    }

    // Names mirror Docker's JSON keys.

    // swift-format-ignore: AlwaysUseLowerCamelCase
    private enum CodingKeys: String, CodingKey {
        case Image, Cmd, Entrypoint, Env, Labels, WorkingDir, User, ExposedPorts, Tty, OpenStdin, StdinOnce
        case AttachStdin, AttachStdout, AttachStderr, Healthcheck, HostConfig
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(image, forKey: .Image)
        try c.encodeIfPresent(cmd, forKey: .Cmd)
        try c.encodeIfPresent(entrypoint, forKey: .Entrypoint)
        try c.encode(env, forKey: .Env)
        try c.encode(labels, forKey: .Labels)
        try c.encodeIfPresent(workingDir, forKey: .WorkingDir)
        try c.encodeIfPresent(user, forKey: .User)
        try c.encode(portSet(exposedPorts), forKey: .ExposedPorts)
        try c.encode(tty, forKey: .Tty)
        try c.encode(openStdin, forKey: .OpenStdin)
        try c.encode(stdinOnce, forKey: .StdinOnce)
        try c.encode(attachStdin, forKey: .AttachStdin)
        try c.encode(attachStdout, forKey: .AttachStdout)
        try c.encode(attachStderr, forKey: .AttachStderr)
        try c.encodeIfPresent(healthcheck, forKey: .Healthcheck)
        try c.encode(hostConfig, forKey: .HostConfig)
    }
}

/// Docker's JSON for a set of ports: `{"5000/tcp": {}}`.
func portSet(_ ports: [String]) -> [String: [String: String]] {
    Dictionary(ports.map { ($0, [:]) }, uniquingKeysWith: { a, _ in a })
}

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

    /// Creates a host config; all defaults leave Docker's own.
    public init(
        portBindings: [String: [PortBinding]] = [:], restartPolicy: String? = nil, binds: [String] = [],
        autoRemove: Bool = false, init: Bool? = nil, networkMode: String? = nil, pidMode: String? = nil
    ) {
        self.portBindings = portBindings
        self.restartPolicy = restartPolicy
        self.binds = binds
        self.autoRemove = autoRemove
        self.`init` = `init`
        self.networkMode = networkMode
        self.pidMode = pidMode
    }

    // Names mirror Docker's JSON keys.

    // swift-format-ignore: AlwaysUseLowerCamelCase
    private enum CodingKeys: String, CodingKey {
        case PortBindings, RestartPolicy, Binds, AutoRemove, Init, NetworkMode, PidMode
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(portBindings, forKey: .PortBindings)
        if let restartPolicy { try c.encode(["Name": restartPolicy], forKey: .RestartPolicy) }
        try c.encode(binds, forKey: .Binds)
        try c.encode(autoRemove, forKey: .AutoRemove)
        try c.encodeIfPresent(`init`, forKey: .Init)
        try c.encodeIfPresent(networkMode, forKey: .NetworkMode)
        try c.encodeIfPresent(pidMode, forKey: .PidMode)
    }
}

/// Where a container port is published on the host.
public struct PortBinding: Sendable, Equatable, Codable {
    /// "127.0.0.1"; empty means every address.
    public var hostIP: String
    /// The host port as text; empty or "0" lets Docker choose one.
    public var hostPort: String

    /// A binding on `hostIP`:`hostPort`.
    public init(hostIP: String = "127.0.0.1", hostPort: String = "") {
        self.hostIP = hostIP
        self.hostPort = hostPort
    }

    // Names mirror Docker's JSON keys.

    // swift-format-ignore: AlwaysUseLowerCamelCase
    private enum CodingKeys: String, CodingKey { case HostIp, HostPort }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hostIP = try c.decodeIfPresent(String.self, forKey: .HostIp) ?? ""
        hostPort = try c.decodeIfPresent(String.self, forKey: .HostPort) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(hostIP, forKey: .HostIp)
        try c.encode(hostPort, forKey: .HostPort)
    }
}
