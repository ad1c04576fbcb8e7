/// A Swarm service's spec (`POST /services/create`, `/services/{id}/update`): what runs, how
/// many, where, and how updates roll. Property names follow Docker's, in Swift case.
public struct ServiceSpec: Sendable, Equatable, Codable {
    public var name: String
    public var labels: [String: String]?
    public var taskTemplate: TaskTemplate
    public var mode: Mode
    public var updateConfig: UpdateConfig?
    public var rollbackConfig: UpdateConfig?
    public var endpointSpec: EndpointSpec?

    /// Creates a spec.
    public init(
        name: String, labels: [String: String]? = nil, taskTemplate: TaskTemplate, mode: Mode,
        updateConfig: UpdateConfig? = nil, rollbackConfig: UpdateConfig? = nil, endpointSpec: EndpointSpec? = nil
    ) {
        self.name = name
        self.labels = labels
        self.taskTemplate = taskTemplate
        self.mode = mode
        self.updateConfig = updateConfig
        self.rollbackConfig = rollbackConfig
        self.endpointSpec = endpointSpec
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name", labels = "Labels", taskTemplate = "TaskTemplate", mode = "Mode"
        case updateConfig = "UpdateConfig", rollbackConfig = "RollbackConfig", endpointSpec = "EndpointSpec"
    }

    /// What each task runs.
    public struct TaskTemplate: Sendable, Equatable, Codable {
        public var containerSpec: ContainerSpec
        public var resources: Resources?
        public var restartPolicy: RestartPolicy?
        public var placement: Placement?
        public var networks: [NetworkAttachment]?
        /// Bumped to make Swarm replace every task with an unchanged spec (`ps:restart`).
        public var forceUpdate: UInt64?
        /// How the tasks' output is kept on their node (rotation).
        public var logDriver: LogDriver?

        /// Creates a template.
        public init(
            containerSpec: ContainerSpec, resources: Resources? = nil, restartPolicy: RestartPolicy? = nil,
            placement: Placement? = nil, networks: [NetworkAttachment]? = nil, forceUpdate: UInt64? = nil,
            logDriver: LogDriver? = nil
        ) {
            self.containerSpec = containerSpec
            self.resources = resources
            self.restartPolicy = restartPolicy
            self.placement = placement
            self.networks = networks
            self.forceUpdate = forceUpdate
            self.logDriver = logDriver
        }

        enum CodingKeys: String, CodingKey {
            case containerSpec = "ContainerSpec", resources = "Resources", restartPolicy = "RestartPolicy"
            case placement = "Placement", networks = "Networks", forceUpdate = "ForceUpdate", logDriver = "LogDriver"
        }
    }

    /// A log driver and its options (`json-file` with `max-size`, `max-file`).
    public struct LogDriver: Sendable, Equatable, Codable {
        public var name: String
        public var options: [String: String]?

        /// Creates a log driver setting.
        public init(name: String, options: [String: String]? = nil) {
            self.name = name
            self.options = options
        }

        enum CodingKeys: String, CodingKey { case name = "Name", options = "Options" }
    }

    /// The container of a task.
    public struct ContainerSpec: Sendable, Equatable, Codable {
        /// The image, best by digest (`REGISTRY/paas/app@sha256:…`).
        public var image: String
        public var labels: [String: String]?
        public var command: [String]?
        public var args: [String]?
        /// `KEY=value` entries.
        public var env: [String]?
        public var user: String?
        public var healthCheck: HealthcheckSpec?
        /// Nanoseconds between SIGTERM and SIGKILL.
        public var stopGracePeriod: Int64?
        public var mounts: [Mount]?
        public var capabilityDrop: [String]?

        /// Creates a container spec.
        public init(
            image: String, labels: [String: String]? = nil, command: [String]? = nil, args: [String]? = nil,
            env: [String]? = nil, user: String? = nil, healthCheck: HealthcheckSpec? = nil, stopGracePeriod: Int64? = nil,
            mounts: [Mount]? = nil, capabilityDrop: [String]? = nil
        ) {
            self.image = image
            self.labels = labels
            self.command = command
            self.args = args
            self.env = env
            self.user = user
            self.healthCheck = healthCheck
            self.stopGracePeriod = stopGracePeriod
            self.mounts = mounts
            self.capabilityDrop = capabilityDrop
        }

        enum CodingKeys: String, CodingKey {
            case image = "Image", labels = "Labels", command = "Command", args = "Args", env = "Env", user = "User"
            case healthCheck = "Healthcheck", stopGracePeriod = "StopGracePeriod", mounts = "Mounts"
            case capabilityDrop = "CapabilityDrop"
        }
    }

    /// A volume or bind mount of a task.
    public struct Mount: Sendable, Equatable, Codable {
        /// "volume" or "bind".
        public var type: String
        public var source: String
        public var target: String
        public var readOnly: Bool?

        /// Creates a mount.
        public init(type: String, source: String, target: String, readOnly: Bool? = nil) {
            self.type = type
            self.source = source
            self.target = target
            self.readOnly = readOnly
        }

        enum CodingKeys: String, CodingKey { case type = "Type", source = "Source", target = "Target", readOnly = "ReadOnly" }
    }

    /// Limits of a task.
    public struct Resources: Sendable, Equatable, Codable {
        public var limits: Limits?

        /// Creates resources.
        public init(limits: Limits?) { self.limits = limits }

        enum CodingKeys: String, CodingKey { case limits = "Limits" }

        /// Memory in bytes, CPUs in billionths, processes (API 1.41+).
        public struct Limits: Sendable, Equatable, Codable {
            public var memoryBytes: Int64?
            public var nanoCPUs: Int64?
            public var pids: Int64?

            /// Creates limits.
            public init(memoryBytes: Int64? = nil, nanoCPUs: Int64? = nil, pids: Int64? = nil) {
                self.memoryBytes = memoryBytes
                self.nanoCPUs = nanoCPUs
                self.pids = pids
            }

            enum CodingKeys: String, CodingKey { case memoryBytes = "MemoryBytes", nanoCPUs = "NanoCPUs", pids = "Pids" }
        }
    }

    /// When Swarm restarts a task.
    public struct RestartPolicy: Sendable, Equatable, Codable {
        /// "none", "on-failure" or "any".
        public var condition: String
        /// Nanoseconds between restarts.
        public var delay: Int64?
        public var maxAttempts: Int?

        /// Creates a policy.
        public init(condition: String, delay: Int64? = nil, maxAttempts: Int? = nil) {
            self.condition = condition
            self.delay = delay
            self.maxAttempts = maxAttempts
        }

        enum CodingKeys: String, CodingKey { case condition = "Condition", delay = "Delay", maxAttempts = "MaxAttempts" }
    }

    /// Where tasks may run: constraints such as `node.labels.role==app`.
    public struct Placement: Sendable, Equatable, Codable {
        public var constraints: [String]?

        /// Creates a placement.
        public init(constraints: [String]?) { self.constraints = constraints }

        enum CodingKeys: String, CodingKey { case constraints = "Constraints" }
    }

    /// A network the tasks join.
    public struct NetworkAttachment: Sendable, Equatable, Codable {
        /// The network's name or id.
        public var target: String
        public var aliases: [String]?

        /// Creates an attachment.
        public init(target: String, aliases: [String]? = nil) {
            self.target = target
            self.aliases = aliases
        }

        enum CodingKeys: String, CodingKey { case target = "Target", aliases = "Aliases" }
    }

    /// Replicated with a count, or global.
    public struct Mode: Sendable, Equatable, Codable {
        public var replicated: Replicated?

        /// `replicas` tasks.
        public static func replicated(_ replicas: Int) -> Mode { Mode(replicated: Replicated(replicas: replicas)) }

        /// The replica count, 0 when not replicated.
        public var replicas: Int { replicated?.replicas ?? 0 }

        enum CodingKeys: String, CodingKey { case replicated = "Replicated" }

        /// A replica count.
        public struct Replicated: Sendable, Equatable, Codable {
            public var replicas: Int
            enum CodingKeys: String, CodingKey { case replicas = "Replicas" }
        }
    }

    /// How an update (or its rollback) replaces tasks.
    public struct UpdateConfig: Sendable, Equatable, Codable {
        /// Tasks replaced at once (0: all).
        public var parallelism: Int
        /// Nanoseconds between batches.
        public var delay: Int64?
        /// "pause", "continue" or "rollback" (UpdateConfig only).
        public var failureAction: String?
        /// Nanoseconds a new task is watched for failure.
        public var monitor: Int64?
        /// Failed tasks tolerated, as a fraction.
        public var maxFailureRatio: Double?
        /// "stop-first" or "start-first".
        public var order: String

        /// Creates an update config.
        public init(
            parallelism: Int, delay: Int64? = nil, failureAction: String? = nil, monitor: Int64? = nil,
            maxFailureRatio: Double? = nil, order: String
        ) {
            self.parallelism = parallelism
            self.delay = delay
            self.failureAction = failureAction
            self.monitor = monitor
            self.maxFailureRatio = maxFailureRatio
            self.order = order
        }

        enum CodingKeys: String, CodingKey {
            case parallelism = "Parallelism", delay = "Delay", failureAction = "FailureAction", monitor = "Monitor"
            case maxFailureRatio = "MaxFailureRatio", order = "Order"
        }
    }

    /// Published ports.
    public struct EndpointSpec: Sendable, Equatable, Codable {
        /// "vip" or "dnsrr".
        public var mode: String?
        public var ports: [Port]?

        /// Creates an endpoint spec.
        public init(mode: String? = nil, ports: [Port]?) {
            self.mode = mode
            self.ports = ports
        }

        enum CodingKeys: String, CodingKey { case mode = "Mode", ports = "Ports" }

        /// A port: with `publishMode` "host" and no `publishedPort`, each task gets a free port
        /// on its node.
        public struct Port: Sendable, Equatable, Codable {
            public var `protocol`: String
            public var targetPort: Int
            public var publishedPort: Int?
            /// "ingress" or "host".
            public var publishMode: String

            /// Creates a port.
            public init(protocol: String = "tcp", targetPort: Int, publishedPort: Int? = nil, publishMode: String) {
                self.protocol = `protocol`
                self.targetPort = targetPort
                self.publishedPort = publishedPort
                self.publishMode = publishMode
            }

            enum CodingKeys: String, CodingKey {
                case `protocol` = "Protocol", targetPort = "TargetPort", publishedPort = "PublishedPort", publishMode = "PublishMode"
            }
        }
    }
}
