/// A node of the swarm, as a manager lists it.
public struct SwarmNode: Sendable, Equatable {
    /// What the user sets on a node: its name, labels, role and availability.
    public struct Spec: Sendable, Equatable, Codable {
        /// The node's name in the swarm (paas puts its own name for the node here).
        public var name: String?
        /// User labels (`role=app`).
        public var labels: [String: String]
        /// "worker" or "manager".
        public var role: String
        /// "active", "pause" or "drain".
        public var availability: String

        /// Creates a spec.
        public init(name: String? = nil, labels: [String: String] = [:], role: String = "worker", availability: String = "active") {
            self.name = name
            self.labels = labels
            self.role = role
            self.availability = availability
        }

        // swift-format-ignore: AlwaysUseLowerCamelCase
        private enum CodingKeys: String, CodingKey { case Name, Labels, Role, Availability }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .Name)
            labels = try c.decodeIfPresent([String: String].self, forKey: .Labels) ?? [:]
            role = try c.decodeIfPresent(String.self, forKey: .Role) ?? "worker"
            availability = try c.decodeIfPresent(String.self, forKey: .Availability) ?? "active"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(name, forKey: .Name)
            try c.encode(labels, forKey: .Labels)
            try c.encode(role, forKey: .Role)
            try c.encode(availability, forKey: .Availability)
        }
    }

    public var id: String
    /// The object version an update must name.
    public var version: UInt64
    public var spec: Spec
    /// The host name of the node's machine.
    public var hostname: String
    /// "ready", "down", "unknown" or "disconnected".
    public var state: String
    /// The address the swarm reaches it on.
    public var address: String
    /// The Engine version it runs.
    public var engineVersion: String
    /// Whether it is the swarm's leader.
    public var isLeader: Bool

    /// Creates a record.
    public init(
        id: String, version: UInt64, spec: Spec, hostname: String, state: String, address: String,
        engineVersion: String = "", isLeader: Bool = false
    ) {
        self.id = id
        self.version = version
        self.spec = spec
        self.hostname = hostname
        self.state = state
        self.address = address
        self.engineVersion = engineVersion
        self.isLeader = isLeader
    }

    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Wire: Decodable {
        struct Version: Decodable { var Index: UInt64? }
        struct Description: Decodable {
            struct Engine: Decodable { var EngineVersion: String? }
            var Hostname: String?
            var Engine: Engine?
        }
        struct Status: Decodable {
            var State: String?
            var Addr: String?
        }
        struct ManagerStatus: Decodable {
            var Leader: Bool?
            var Addr: String?
        }
        var ID: String
        var Version: Version?
        var Spec: Spec?
        var Description: Description?
        var Status: Status?
        var ManagerStatus: ManagerStatus?
    }

    init(_ w: Wire) {
        // A manager's Status.Addr can read 0.0.0.0; its manager address is the real one.
        var address = w.Status?.Addr ?? ""
        if address.isEmpty || address == "0.0.0.0", let managerAddress = w.ManagerStatus?.Addr {
            address = String(managerAddress.split(separator: ":").first ?? "")
        }
        self.init(
            id: w.ID, version: w.Version?.Index ?? 0, spec: w.Spec ?? Spec(), hostname: w.Description?.Hostname ?? "",
            state: w.Status?.State ?? "unknown", address: address,
            engineVersion: w.Description?.Engine?.EngineVersion ?? "", isLeader: w.ManagerStatus?.Leader ?? false)
    }
}
