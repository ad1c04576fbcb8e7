import Foundation

extension DockerClient {
    /// This daemon's place in a swarm (`GET /info`).
    public func swarmState() throws -> SwarmState {
        SwarmState(try decode(SwarmState.Wire.self, try send("GET", "/info"), what: "the daemon's info"))
    }

    /// Makes this daemon the manager of a new swarm, advertised on `advertiseAddress`; returns
    /// its node id. `heartbeat` is how often nodes report (a lost node is noticed after a few).
    @discardableResult
    public func initSwarm(advertiseAddress: String, listenAddress: String, heartbeat: Duration? = nil) throws -> String {
        // swift-format-ignore: AlwaysUseLowerCamelCase
        struct Body: Encodable {
            struct Spec: Encodable {
                struct Dispatcher: Encodable { var HeartbeatPeriod: Int64 }
                struct Orchestration: Encodable { var TaskHistoryRetentionLimit: Int }
                var Dispatcher: Dispatcher?
                var Orchestration = Orchestration(TaskHistoryRetentionLimit: 3)
            }
            var ListenAddr: String
            var AdvertiseAddr: String
            var Spec: Spec
        }
        let spec = Body.Spec(Dispatcher: heartbeat.map { .init(HeartbeatPeriod: $0.nanoseconds) })
        let response = try send(
            "POST", "/swarm/init", json: Body(ListenAddr: listenAddress, AdvertiseAddr: advertiseAddress, Spec: spec))
        return try decode(String.self, response, what: "the new swarm's node id")
    }

    /// The swarm's id and join tokens (managers only).
    public func swarmJoinTokens() throws -> (clusterID: String, worker: String, manager: String) {
        // swift-format-ignore: AlwaysUseLowerCamelCase
        struct Wire: Decodable {
            struct Tokens: Decodable {
                var Worker: String
                var Manager: String
            }
            var ID: String
            var JoinTokens: Tokens
        }
        let wire = try decode(Wire.self, try send("GET", "/swarm"), what: "the swarm")
        return (wire.ID, wire.JoinTokens.Worker, wire.JoinTokens.Manager)
    }

    /// Joins this daemon to the swarm managed at `manager` ("ADDR:2377") with `token`.
    public func joinSwarm(manager: String, token: String, advertiseAddress: String, listenAddress: String) throws {
        // swift-format-ignore: AlwaysUseLowerCamelCase
        struct Body: Encodable {
            var ListenAddr: String
            var AdvertiseAddr: String
            var RemoteAddrs: [String]
            var JoinToken: String
        }
        try send(
            "POST", "/swarm/join",
            json: Body(ListenAddr: listenAddress, AdvertiseAddr: advertiseAddress, RemoteAddrs: [manager], JoinToken: token))
    }

    /// Makes this daemon leave its swarm; not being in one is fine.
    public func leaveSwarm(force: Bool) throws {
        try send("POST", "/swarm/leave", query: [("force", force ? "1" : "0")], tolerating: [503])
    }

    // MARK: - Nodes (managers only)

    /// Every node of the swarm.
    public func listNodes() throws -> [SwarmNode] {
        try decode([SwarmNode.Wire].self, try send("GET", "/nodes"), what: "the node list").map(SwarmNode.init)
    }

    /// The node `id` (or name), or nil when the swarm has none.
    public func inspectNode(_ id: String) throws -> SwarmNode? {
        let response = try send("GET", "/nodes/\(segment(id))", tolerating: [404])
        if response.status == 404 { return nil }
        return SwarmNode(try decode(SwarmNode.Wire.self, response, what: "node \(id)"))
    }

    /// Replaces node `id`'s spec (labels, availability); `version` is the one read with it.
    public func updateNode(_ id: String, version: UInt64, spec: SwarmNode.Spec) throws {
        try send("POST", "/nodes/\(segment(id))/update", query: [("version", String(version))], json: spec)
    }

    /// Removes node `id` from the swarm's list; one that is gone already is fine.
    public func removeNode(_ id: String, force: Bool) throws {
        try send("DELETE", "/nodes/\(segment(id))", query: [("force", force ? "1" : "0")], tolerating: [404])
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
