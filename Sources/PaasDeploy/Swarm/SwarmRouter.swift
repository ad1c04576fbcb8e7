import DockerEngine
import Foundation

/// Reads where an app's web tasks serve from the swarm and points the proxy there: the address
/// of each task's node and the port Swarm published for it on that node.
public struct SwarmRouter: Sendable {
    let platform: Platform

    public init(platform: Platform) { self.platform = platform }

    /// The upstreams of `app`'s serving web tasks: running, wanted running, on a node that is
    /// ready, and answering on their port from here. A task already in `routed` is not probed
    /// again: a probe that times out on a busy moment must not take a serving task out.
    public func upstreams(app: String, nodes: [SwarmNode]? = nil, probe: Bool = true, routed: [Upstream] = []) throws
        -> [Upstream]
    {
        let docker = platform.cleanupDocker
        let tasks: [SwarmTask]
        do {
            tasks = try docker.listTasks(service: SwarmNames.service(app: app, process: "web"), desiredState: "running")
        } catch EngineError.api(404, _) {
            return []
        }
        let nodes = try nodes ?? docker.listNodes()
        let ready = Dictionary(nodes.filter { $0.state == "ready" }.map { ($0.id, $0.address) }) { a, _ in a }
        var result: [Upstream] = []
        for task in tasks where task.isServing {
            guard let address = ready[task.nodeID], let port = task.publishedPorts.first else { continue }
            let known = routed.contains { $0.host == address && $0.port == port }
            if probe && !known && !PortProbe.accepts(host: address, port: port, timeout: .milliseconds(300)) { continue }
            result.append(Upstream(host: address, port: port, process: "web", number: task.slot))
        }
        return result.sorted { ($0.number, $0.host, $0.port) < ($1.number, $1.host, $1.port) }
    }

    /// Points the proxy at `app`'s serving tasks, plus `also` (the containers of this host an
    /// app moving to the swarm still has), when they differ from `current`; returns them.
    @discardableResult
    public func follow(app: String, current: [Upstream]?, nodes: [SwarmNode]? = nil, also: [Upstream] = []) throws -> [Upstream] {
        let now = try upstreams(app: app, nodes: nodes, routed: current ?? []) + also
        if now != current {
            try platform.proxy.update(app: app, domains: try Domains.all(app: app, platform: platform), upstreams: now)
        }
        return now
    }
}
