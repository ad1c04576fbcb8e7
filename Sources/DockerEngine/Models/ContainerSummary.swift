/// One entry of `GET /containers/json`.
public struct ContainerSummary: Sendable, Equatable {
    public var id: String
    /// Names with their leading "/".
    public var names: [String]
    /// The image as given at create time.
    public var image: String
    public var labels: [String: String]
    /// "created", "running", "exited", ...
    public var state: String
    /// Docker's human status ("Up 2 minutes").
    public var status: String
    /// Unix time of creation.
    public var created: Int
    /// Exposed and published ports (a port published on IPv4 and IPv6 is listed twice).
    public var ports: [PortMapping]
    /// Its address on each network it is attached to, by network name.
    public var addresses: [String: String]

    /// Whether Swarm runs it for a service's task (its `com.docker.swarm.task.id` label): its
    /// node's Engine lists it like any container, but only Swarm may stop or remove it.
    public var isSwarmTask: Bool { labels["com.docker.swarm.task.id"] != nil }

    /// Creates a summary (fakes in tests).
    public init(
        id: String, names: [String] = [], image: String = "", labels: [String: String] = [:], state: String = "",
        status: String = "", created: Int = 0, ports: [PortMapping] = [], addresses: [String: String] = [:]
    ) {
        self.id = id
        self.names = names
        self.image = image
        self.labels = labels
        self.state = state
        self.status = status
        self.created = created
        self.ports = ports
        self.addresses = addresses
    }

    // Names mirror Docker's JSON keys.

    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Wire: Decodable {
        var Id: String?
        var Names: [String]?
        var Image: String?
        var Labels: [String: String]?
        var State: String?
        var Status: String?
        var Created: Int?
        var Ports: [PortMapping.Wire]?
        var NetworkSettings: Network?

        struct Network: Decodable {
            struct Endpoint: Decodable { var IPAddress: String? }
            var Networks: [String: Endpoint]?
        }
    }

    init(_ w: Wire) {
        id = w.Id ?? ""
        names = w.Names ?? []
        image = w.Image ?? ""
        labels = w.Labels ?? [:]
        state = w.State ?? ""
        status = w.Status ?? ""
        created = w.Created ?? 0
        ports = (w.Ports ?? []).map(PortMapping.init)
        addresses = (w.NetworkSettings?.Networks ?? [:]).compactMapValues { $0.IPAddress.flatMap { $0.isEmpty ? nil : $0 } }
    }
}
