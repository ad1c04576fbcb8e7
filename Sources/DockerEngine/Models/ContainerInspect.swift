/// What `GET /containers/{id}/json` says about a container (the parts paas uses).
public struct ContainerInspect: Sendable, Equatable {
    /// The running state.
    public struct State: Sendable, Equatable {
        /// "created", "running", "paused", "restarting", "removing", "exited", "dead".
        public var status: String
        public var running: Bool
        public var exitCode: Int
        /// RFC 3339 times; "0001-01-01T00:00:00Z" when it never happened.
        public var startedAt: String
        public var finishedAt: String
        /// Present when the container has a health check.
        public var health: Health?
        /// The host pid of its first process; 0 when it is not running.
        public var pid: Int

        /// Creates a state record.
        public init(
            status: String, running: Bool, exitCode: Int = 0, startedAt: String = "", finishedAt: String = "",
            health: Health? = nil, pid: Int = 0
        ) {
            self.status = status
            self.running = running
            self.exitCode = exitCode
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.health = health
            self.pid = pid
        }
    }

    /// The result of a container's health check.
    public struct Health: Sendable, Equatable {
        /// "starting", "healthy", "unhealthy".
        public var status: String
        /// The output of the last checks, oldest first.
        public var log: [String]

        /// Creates a health record.
        public init(status: String, log: [String] = []) {
            self.status = status
            self.log = log
        }
    }

    /// The configuration the container was created with.
    public struct Config: Sendable, Equatable {
        public var image: String
        public var labels: [String: String]
        public var env: [String]
        public var cmd: [String]
        public var tty: Bool

        /// Creates a config record.
        public init(
            image: String, labels: [String: String] = [:], env: [String] = [], cmd: [String] = [], tty: Bool = false
        ) {
            self.image = image
            self.labels = labels
            self.env = env
            self.cmd = cmd
            self.tty = tty
        }
    }

    /// The limits and isolation the container was created with (`HostConfig`).
    public struct Host: Sendable, Equatable {
        /// Bytes; 0: none.
        public var memory: Int64 = 0
        public var nanoCpus: Int64 = 0
        /// 0 or nil: none.
        public var pidsLimit: Int64 = 0
        public var networkMode: String = ""
        public var capDrop: [String] = []
        public var securityOpt: [String] = []
        public var binds: [String] = []
        /// Log driver options (`max-size`, `max-file`).
        public var logOptions: [String: String] = [:]

        /// An empty host record.
        public init() {}
    }

    public var id: String
    /// The name without its leading "/".
    public var name: String
    public var created: String
    /// The image id ("sha256:...").
    public var image: String
    public var state: State
    public var config: Config
    public var restartCount: Int
    /// Container port ("5000/tcp") to where it is published.
    public var ports: [String: [PortBinding]]
    /// The container's address on each network it joined, by network name.
    public var addresses: [String: String] = [:]
    public var host = Host()

    /// Creates an inspect record (fakes in tests).
    public init(
        id: String, name: String, created: String = "", image: String = "", state: State, config: Config,
        restartCount: Int = 0, ports: [String: [PortBinding]] = [:]
    ) {
        self.id = id
        self.name = name
        self.created = created
        self.image = image
        self.state = state
        self.config = config
        self.restartCount = restartCount
        self.ports = ports
    }

    /// The host port that `containerPort` ("5000/tcp", or "5000" for tcp) is published on.
    public func hostPort(for containerPort: String) -> Int? {
        let key = containerPort.contains("/") ? containerPort : containerPort + "/tcp"
        return ports[key]?.lazy.compactMap { Int($0.hostPort) }.first
    }
}

extension ContainerInspect {
    // Names mirror Docker's JSON keys.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Wire: Decodable {
        struct State: Decodable {
            var Status: String?
            var Running: Bool?
            var ExitCode: Int?
            var StartedAt: String?
            var FinishedAt: String?
            var Health: HealthWire?
            var Pid: Int?
        }
        struct HealthWire: Decodable {
            struct Entry: Decodable { var Output: String? }
            var Status: String?
            var Log: [Entry]?
        }
        struct Config: Decodable {
            var Image: String?
            var Labels: [String: String]?
            var Env: [String]?
            var Cmd: [String]?
            var Tty: Bool?
        }
        struct Network: Decodable {
            struct Endpoint: Decodable { var IPAddress: String? }
            var Ports: [String: [PortBinding]?]?
            var Networks: [String: Endpoint]?
        }
        var Id: String?
        var Name: String?
        var Created: String?
        var Image: String?
        var State: State?
        var Config: Config?
        var RestartCount: Int?
        var NetworkSettings: Network?
        var HostConfig: HostWire?
    }

    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct HostWire: Decodable {
        struct Log: Decodable { var Config: [String: String]? }
        var Memory: Int64?
        var NanoCpus: Int64?
        var PidsLimit: Int64?
        var NetworkMode: String?
        var CapDrop: [String]?
        var SecurityOpt: [String]?
        var Binds: [String]?
        var LogConfig: Log?
    }

    init(_ w: Wire) {
        let s = w.State
        id = w.Id ?? ""
        name = String((w.Name ?? "").drop(while: { $0 == "/" }))
        created = w.Created ?? ""
        image = w.Image ?? ""
        state = State(
            status: s?.Status ?? "", running: s?.Running ?? false, exitCode: s?.ExitCode ?? 0,
            startedAt: s?.StartedAt ?? "", finishedAt: s?.FinishedAt ?? "",
            health: s?.Health.map { Health(status: $0.Status ?? "", log: ($0.Log ?? []).map { $0.Output ?? "" }) },
            pid: s?.Pid ?? 0)
        config = Config(
            image: w.Config?.Image ?? "", labels: w.Config?.Labels ?? [:], env: w.Config?.Env ?? [],
            cmd: w.Config?.Cmd ?? [], tty: w.Config?.Tty ?? false)
        restartCount = w.RestartCount ?? 0
        ports = (w.NetworkSettings?.Ports ?? [:]).compactMapValues { $0 }
        if let h = w.HostConfig {
            host.memory = h.Memory ?? 0
            host.nanoCpus = h.NanoCpus ?? 0
            host.pidsLimit = h.PidsLimit ?? 0
            host.networkMode = h.NetworkMode ?? ""
            host.capDrop = h.CapDrop ?? []
            host.securityOpt = h.SecurityOpt ?? []
            host.binds = h.Binds ?? []
            host.logOptions = h.LogConfig?.Config ?? [:]
        }
        addresses = (w.NetworkSettings?.Networks ?? [:]).compactMapValues { $0.IPAddress.flatMap { $0.isEmpty ? nil : $0 } }
    }
}
