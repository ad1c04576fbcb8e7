/// What `GET /info` says about a daemon's place in a Swarm.
public struct SwarmState: Sendable, Equatable {
    /// "inactive", "pending", "active", "error" or "locked".
    public var localNodeState: String
    /// This daemon's node id in its swarm; empty when inactive.
    public var nodeID: String
    /// The address this node advertises to the swarm; empty when inactive.
    public var nodeAddress: String
    /// The id of the swarm it belongs to; empty when inactive or not a manager.
    public var clusterID: String
    /// Whether this daemon is a manager (can run swarm and service calls).
    public var isManager: Bool
    /// The managers it knows of ("ADDR:2377").
    public var remoteManagers: [String]

    /// Creates a record.
    public init(
        localNodeState: String, nodeID: String = "", nodeAddress: String = "", clusterID: String = "",
        isManager: Bool = false, remoteManagers: [String] = []
    ) {
        self.localNodeState = localNodeState
        self.nodeID = nodeID
        self.nodeAddress = nodeAddress
        self.clusterID = clusterID
        self.isManager = isManager
        self.remoteManagers = remoteManagers
    }

    /// True when the daemon belongs to a swarm.
    public var isActive: Bool { localNodeState == "active" }

    // Names mirror Docker's JSON keys.

    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Wire: Decodable {
        struct Swarm: Decodable {
            struct Cluster: Decodable { var ID: String? }
            struct Peer: Decodable { var Addr: String? }
            var NodeID: String?
            var NodeAddr: String?
            var LocalNodeState: String?
            var ControlAvailable: Bool?
            var Cluster: Cluster?
            var RemoteManagers: [Peer]?
        }
        var Swarm: Swarm?
    }

    init(_ wire: Wire) {
        let s = wire.Swarm
        self.init(
            localNodeState: s?.LocalNodeState ?? "inactive", nodeID: s?.NodeID ?? "", nodeAddress: s?.NodeAddr ?? "",
            clusterID: s?.Cluster?.ID ?? "", isManager: s?.ControlAvailable ?? false,
            remoteManagers: (s?.RemoteManagers ?? []).compactMap(\.Addr))
    }
}
