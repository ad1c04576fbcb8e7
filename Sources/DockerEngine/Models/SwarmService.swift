/// A Swarm service as a manager shows it.
public struct SwarmService: Sendable, Equatable {
    public var id: String
    /// The object version an update must name.
    public var version: UInt64
    public var spec: ServiceSpec
    /// The last update's state: "updating", "paused", "completed", "rollback_started",
    /// "rollback_paused", "rollback_completed"; nil when never updated.
    public var updateState: String?
    /// What Swarm says about that update ("update paused due to failure…").
    public var updateMessage: String?

    /// Creates a record.
    public init(id: String, version: UInt64, spec: ServiceSpec, updateState: String? = nil, updateMessage: String? = nil) {
        self.id = id
        self.version = version
        self.spec = spec
        self.updateState = updateState
        self.updateMessage = updateMessage
    }

    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Wire: Decodable {
        struct Version: Decodable { var Index: UInt64? }
        struct UpdateStatus: Decodable {
            var State: String?
            var Message: String?
        }
        var ID: String
        var Version: Version?
        var Spec: ServiceSpec
        var UpdateStatus: UpdateStatus?
    }

    init(_ w: Wire) {
        self.init(
            id: w.ID, version: w.Version?.Index ?? 0, spec: w.Spec, updateState: w.UpdateStatus?.State,
            updateMessage: w.UpdateStatus?.Message)
    }
}

/// One task of a service: a container Swarm runs (or ran) on a node for one replica slot.
public struct SwarmTask: Sendable, Equatable {
    public var id: String
    public var serviceID: String
    /// Empty until the task is placed.
    public var nodeID: String
    /// The replica slot (1-based).
    public var slot: Int
    /// What Swarm wants: "running", "shutdown", "remove", …
    public var desiredState: String
    /// Where it is: "new", "pending", "assigned", "preparing", "starting", "running",
    /// "complete", "failed", "shutdown", "rejected", "orphaned", …
    public var state: String
    /// Swarm's words about the state ("started", "task: non-zero exit (1)").
    public var message: String
    /// The error, when it failed.
    public var error: String?
    public var containerID: String?
    public var exitCode: Int?
    /// The ports published on its node (host mode).
    public var publishedPorts: [Int]
    /// The release label of its container spec (`paas.release`), when set.
    public var labels: [String: String]
    /// When its state last changed (RFC 3339).
    public var timestamp: String

    /// Creates a record.
    public init(
        id: String, serviceID: String, nodeID: String, slot: Int, desiredState: String, state: String, message: String = "",
        error: String? = nil, containerID: String? = nil, exitCode: Int? = nil, publishedPorts: [Int] = [],
        labels: [String: String] = [:], timestamp: String = ""
    ) {
        self.id = id
        self.serviceID = serviceID
        self.nodeID = nodeID
        self.slot = slot
        self.desiredState = desiredState
        self.state = state
        self.message = message
        self.error = error
        self.containerID = containerID
        self.exitCode = exitCode
        self.publishedPorts = publishedPorts
        self.labels = labels
        self.timestamp = timestamp
    }

    /// Running and wanted running: a task that can take traffic.
    public var isServing: Bool { desiredState == "running" && state == "running" }

    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Wire: Decodable {
        struct Status: Decodable {
            struct ContainerStatus: Decodable {
                var ContainerID: String?
                var ExitCode: Int?
            }
            struct PortStatus: Decodable {
                struct Port: Decodable { var PublishedPort: Int? }
                var Ports: [Port]?
            }
            var Timestamp: String?
            var State: String?
            var Message: String?
            var Err: String?
            var ContainerStatus: ContainerStatus?
            var PortStatus: PortStatus?
        }
        struct Spec: Decodable {
            struct Container: Decodable { var Labels: [String: String]? }
            var ContainerSpec: Container?
        }
        var ID: String
        var ServiceID: String?
        var NodeID: String?
        var Slot: Int?
        var DesiredState: String?
        var Status: Status?
        var Spec: Spec?
    }

    init(_ w: Wire) {
        self.init(
            id: w.ID, serviceID: w.ServiceID ?? "", nodeID: w.NodeID ?? "", slot: w.Slot ?? 0,
            desiredState: w.DesiredState ?? "", state: w.Status?.State ?? "", message: w.Status?.Message ?? "",
            error: w.Status?.Err, containerID: w.Status?.ContainerStatus?.ContainerID,
            exitCode: w.Status?.ContainerStatus?.ExitCode,
            publishedPorts: (w.Status?.PortStatus?.Ports ?? []).compactMap(\.PublishedPort),
            labels: w.Spec?.ContainerSpec?.Labels ?? [:], timestamp: w.Status?.Timestamp ?? "")
    }
}
