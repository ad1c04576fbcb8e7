import DockerEngine
import Foundation
import PaasStore
import PaasSupport

/// The swarm this host manages: adding, labelling, draining and removing nodes. The main host
/// becomes the manager when the first node is added; nodes join it through their own Engine
/// API, and trust the registry's CA, before they get any task.
public struct Cluster {
    let platform: Platform

    public init(platform: Platform) { self.platform = platform }

    /// The oldest Engine API paas speaks.
    public static let minimumAPI = "1.41"

    /// How often nodes report to the manager; a node is taken as lost after a few missed beats.
    public static let heartbeat: Duration = .seconds(2)

    /// Where forwarded node sockets go while a command talks to an ssh node.
    var forwards: String { platform.root.path + "/swarm/forwards" }

    /// The address the manager advertises (nil before the first node).
    public func managerAddress() throws -> String? {
        try platform.store.setting(Store.globalSettings, "swarm.address")
    }

    /// This host's swarm state; throws `ClusterError.notManager` unless it manages a swarm.
    public func requireManager() throws -> SwarmState {
        let state = try platform.docker.swarmState()
        guard state.isActive, state.isManager else { throw ClusterError.notManager }
        return state
    }

    // MARK: - Adding

    /// Adds the Docker host at `engine` as node `name`, with `labels` (role=app unless given).
    /// `address` is where the swarm and the proxy reach it (default: an ssh engine's host).
    @discardableResult
    public func add(name: String, engine engineText: String, address givenAddress: String?, labels: [String: String]) throws
        -> ClusterNode
    {
        guard Self.isValidName(name) else { throw ClusterError.badNodeName(name) }
        let store = try platform.store
        if try name == SwarmNames.manager || store.node(name) != nil { throw StoreError.nodeExists(name) }
        let endpoint = try EngineEndpoint.parse(engineText)
        guard let address = givenAddress ?? endpoint.sshHost.flatMap(Self.resolve) else {
            throw ClusterError.needAddress(engineText)
        }
        guard Self.isIPv4(address) else { throw ClusterError.badAddress(address) }
        platform.step("Adding node \(name) (\(endpoint), \(address))")
        let connection = try connect(endpoint)
        defer { connection.close() }
        let node = connection.docker
        let version = try reach(endpoint) { try node.version() }
        guard Self.api(version.apiVersion, atLeast: Self.minimumAPI) else {
            throw ClusterError.tooOld(endpoint.description, version: version.apiVersion, minimum: Self.minimumAPI)
        }
        let nodeState = try reach(endpoint) { try node.swarmState() }
        var manager = try platform.docker.swarmState()
        if nodeState.localNodeState != "inactive" {
            if manager.isActive, try platform.docker.inspectNode(nodeState.nodeID) != nil {
                throw ClusterError.alreadyInSwarm(endpoint.description)
            }
            throw ClusterError.otherSwarm(endpoint.description)
        }
        if manager.isActive && !manager.isManager { throw ClusterError.otherSwarm("unix://" + DockerClient.socketPath()) }
        let managerAddress = try managerAddress() ?? manager.nodeAddress.nonEmpty ?? Self.sourceAddress(toward: address)
        if !manager.isActive {
            platform.detail("Making this host the swarm manager on \(managerAddress):\(SwarmNames.managerPort)")
            let id = try platform.docker.initSwarm(
                advertiseAddress: managerAddress, listenAddress: "\(managerAddress):\(SwarmNames.managerPort)",
                heartbeat: Self.heartbeat)
            try label(swarmID: id, name: SwarmNames.manager, set: ["role": "app"], remove: [])
            manager = try platform.docker.swarmState()
        }
        try store.setSetting(Store.globalSettings, "swarm.address", managerAddress)
        let registry = try SwarmRegistry(platform: platform, address: managerAddress)
        try registry.start()
        try registry.install(on: endpoint)
        let tokens = try platform.docker.swarmJoinTokens()
        do {
            try reach(endpoint) {
                try node.joinSwarm(
                    manager: "\(managerAddress):\(SwarmNames.managerPort)", token: tokens.worker, advertiseAddress: address,
                    listenAddress: "\(address):\(SwarmNames.managerPort)")
            }
            let joined = try node.swarmState()
            try waitReady(swarmID: joined.nodeID, name: name)
            var wanted = labels
            if wanted["role"] == nil { wanted["role"] = "app" }
            try label(swarmID: joined.nodeID, name: name, set: wanted, remove: [])
            let record = ClusterNode(name: name, engine: endpoint.description, address: address, swarmID: joined.nodeID)
            try store.addNode(record)
            platform.detail("Node \(name) joined the swarm (\(wanted.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")))")
            SwarmSupervisor.ensureRunning(platform: platform)
            return record
        } catch {
            // Leave nothing half-joined: the node leaves, the manager forgets it.
            let id = (try? node.swarmState())?.nodeID ?? ""
            try? node.leaveSwarm(force: true)
            if !id.isEmpty { try? platform.cleanupDocker.removeNode(id, force: true) }
            throw error
        }
    }

    /// Waits until the manager lists `swarmID` as ready (at most 30 s).
    private func waitReady(swarmID: String, name: String) throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let node = try platform.docker.inspectNode(swarmID), node.state == "ready" { return }
            usleep(200_000)
        }
        throw ClusterError.unreachable(name, "joined, but not ready in the swarm after 30 s")
    }

    // MARK: - Changing

    /// Sets (and with an empty value removes) labels of node `name` (`main` is this host).
    public func label(name: String, pairs: [String]) throws {
        var set: [String: String] = [:]
        var remove: [String] = []
        for text in pairs {
            guard let (key, value) = NodeLabels.pair(text) else { throw ClusterError.badLabel(text) }
            if value.isEmpty { remove.append(key) } else { set[key] = value }
        }
        try label(swarmID: try swarmID(of: name), name: name, set: set, remove: remove)
    }

    private func label(swarmID: String, name: String, set: [String: String], remove: [String]) throws {
        guard let node = try platform.docker.inspectNode(swarmID) else { throw ClusterError.noSuchNode(name) }
        var spec = node.spec
        spec.name = name
        spec.labels.merge(set) { _, new in new }
        for key in remove { spec.labels[key] = nil }
        spec.labels[SwarmNames.nodeLabel] = name
        try platform.docker.updateNode(swarmID, version: node.version, spec: spec)
    }

    /// Moves every task off node `name` (Swarm starts them elsewhere) and keeps new ones away;
    /// waits up to 60 s for its tasks to stop.
    public func drain(name: String) throws {
        guard name != SwarmNames.manager else { throw ClusterError.mainHost(name) }
        let id = try swarmID(of: name)
        guard let node = try platform.docker.inspectNode(id) else { throw ClusterError.noSuchNode(name) }
        var spec = node.spec
        spec.availability = "drain"
        try platform.docker.updateNode(id, version: node.version, spec: spec)
        platform.step("Draining \(name)")
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let left = try runningTasks(swarmID: id)
            if left == 0 {
                platform.detail("No task left on \(name)")
                return
            }
            usleep(300_000)
        }
        platform.log.line(" !     \(name) still runs tasks after 60 s; nodes:report \(name) shows them")
    }

    /// Makes node `name` active again after a drain.
    public func activate(name: String) throws {
        let id = try swarmID(of: name)
        guard let node = try platform.docker.inspectNode(id) else { throw ClusterError.noSuchNode(name) }
        var spec = node.spec
        spec.availability = "active"
        try platform.docker.updateNode(id, version: node.version, spec: spec)
    }

    // MARK: - Removing

    /// Removes node `name`: refused while it runs tasks; the node leaves the swarm (when it can
    /// still be reached) and the manager forgets it.
    public func remove(name: String) throws {
        guard name != SwarmNames.manager else { throw ClusterError.mainHost(name) }
        let store = try platform.store
        guard let record = try store.node(name) else { throw ClusterError.noSuchNode(name) }
        let running = try runningTasks(swarmID: record.swarmID)
        if running > 0 { throw ClusterError.stillRunning(name, tasks: running) }
        if let endpoint = try? EngineEndpoint.parse(record.engine), let connection = try? connect(endpoint) {
            defer { connection.close() }
            do {
                try connection.docker.leaveSwarm(force: false)
            } catch {
                platform.log.line(" !     \(name) could not leave the swarm by itself (\(error)); the manager forgets it anyway")
            }
        } else {
            platform.log.line(" !     \(name) can't be reached; the manager forgets it anyway")
        }
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, let node = try platform.docker.inspectNode(record.swarmID), node.state == "ready" {
            usleep(200_000)
        }
        try platform.docker.removeNode(record.swarmID, force: true)
        try store.deleteNode(name)
        platform.step("Removed node \(name)")
    }

    // MARK: - Reading

    /// The swarm node id of `name` (`main`: this host).
    public func swarmID(of name: String) throws -> String {
        if name == SwarmNames.manager { return try requireManager().nodeID }
        guard let record = try platform.store.node(name) else { throw ClusterError.noSuchNode(name) }
        return record.swarmID
    }

    /// How many tasks Swarm has assigned to node `swarmID` and wants running (a task in a
    /// restart loop counts: it is the node's).
    public func runningTasks(swarmID: String) throws -> Int {
        try platform.docker.listTasks(node: swarmID, desiredState: "running").count
    }

    /// Opens a connection to `endpoint`'s Engine, as a `ClusterError.unreachable` on failure.
    func connect(_ endpoint: EngineEndpoint) throws -> EngineConnection {
        do {
            let identity = endpoint.sshHost == nil ? nil : try SSHIdentity.of(root: platform.root, runner: platform.runner)
            return try endpoint.connect(forwards: forwards, ssh: identity)
        } catch let error as ClusterError {
            throw error
        } catch {
            throw ClusterError.unreachable(endpoint.description, "\(error)")
        }
    }

    /// Runs `body` against a node, turning transport failures into one `unreachable` line.
    func reach<T>(_ endpoint: EngineEndpoint, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as EngineError {
            if case .api = error { throw error }
            throw ClusterError.unreachable(endpoint.description, "\(error)")
        }
    }

    // MARK: - Syntax

    /// Node names: like app names.
    public static func isValidName(_ name: String) -> Bool {
        name.range(of: #"^[a-z0-9][a-z0-9-]{0,62}\z"#, options: .regularExpression) != nil
    }

    static func isIPv4(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    /// `host`'s first IPv4 address.
    static func resolve(_ host: String) -> String? {
        if isIPv4(host) { return host }
        var hints = addrinfo()
        hints.ai_family = AF_INET
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { return nil }
        defer { freeaddrinfo(result) }
        var buffer = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        return first.pointee.ai_addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
            var a = sin.pointee.sin_addr
            return inet_ntop(AF_INET, &a, &buffer, socklen_t(buffer.count)).map { String(cString: $0) }
        }
    }

    /// The address of this host that traffic to `address` leaves from.
    static func sourceAddress(toward address: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw ClusterError.badAddress(address) }
        defer { close(fd) }
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = in_port_t(UInt16(SwarmNames.managerPort).bigEndian)
        inet_pton(AF_INET, address, &target.sin_addr)
        let connected = withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ClusterError.unreachable(address, "no route to it from this host") }
        var local = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        var buffer = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        guard let text = inet_ntop(AF_INET, &local.sin_addr, &buffer, socklen_t(buffer.count)) else {
            throw ClusterError.badAddress(address)
        }
        return String(cString: text)
    }

    /// Whether API version `version` ("1.41") is at least `minimum`.
    static func api(_ version: String, atLeast minimum: String) -> Bool {
        let a = version.split(separator: ".").compactMap { Int($0) }
        let b = minimum.split(separator: ".").compactMap { Int($0) }
        guard a.count >= 2 else { return false }
        return (a[0], a[1]) >= (b[0], b[1])
    }
}

extension String {
    /// nil for "".
    var nonEmpty: String? { isEmpty ? nil : self }
}
