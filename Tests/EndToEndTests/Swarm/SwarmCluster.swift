import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// A paas install (real sshd, git, HAProxy) whose host is the manager of a swarm with two
/// simulated Docker hosts: `app` (role=app) and `db` (role=accessory). Tears down everything
/// it made: services, the swarm on the main daemon, the registry and supervisor, the nodes,
/// the registry's CA in /etc/docker/certs.d.
final class SwarmCluster {
    let paas: PaasHarness
    let nodes: TestDockerNodes
    var appNode: TestDockerNode { nodes.node(1) }
    var dbNode: TestDockerNode { nodes.node(2) }

    init() throws {
        let main = DockerClient.local(cancellation: nil)
        let state = try main.swarmState()
        guard state.localNodeState == "inactive" else {
            throw TestSupportError(
                "the main dockerd is in a swarm already (\(state.localNodeState)); the Swarm tests make it a manager of their own")
        }
        paas = try PaasHarness("swarm", proxy: .haproxy)
        do {
            nodes = try TestDockerNodes.start(count: 2, id: paas.id)
        } catch {
            paas.cleanup()
            throw error
        }
        do {
            try expectOK(["nodes:add", "app1", "--engine", "unix://" + appNode.socketPath, "--address", appNode.address])
            try expectOK([
                "nodes:add", "db1", "--engine", "unix://" + dbNode.socketPath, "--address", dbNode.address, "--label",
                "role=accessory",
            ])
        } catch {
            teardown()
            throw error
        }
    }

    /// Runs a paas command over ssh and throws with its output unless it succeeds.
    @discardableResult
    func expectOK(_ arguments: [String], timeout: Duration = .seconds(300)) throws -> ProcessResult {
        let result = try paas.ssh(arguments, timeout: timeout)
        guard result.succeeded else { throw TestSupportError("paas \(arguments.joined(separator: " ")) failed: \(result.summary)") }
        return result
    }

    /// Every image reference on `node`'s own Engine (tags and digests).
    func imageNames(on node: TestDockerNode) throws -> [String] {
        try node.client.listImages(labels: [:]).flatMap { $0.repoTags + $0.repoDigests }
    }

    /// The swarm tasks of `app`'s web service that serve, as (node address, release).
    func servingTasks(app: String) throws -> [SwarmTask] {
        let main = DockerClient.local(cancellation: nil)
        return ((try? main.listTasks(service: "\(app)_web", desiredState: "running")) ?? []).filter(\.isServing)
    }

    /// Whether a TCP connection to `host`:`port` opens (bash's /dev/tcp, 3 s at most).
    static func accepts(_ host: String, _ port: Int) -> Bool {
        (try? Run.command("/bin/bash", ["-c", "exec 3<>/dev/tcp/\(host)/\(port)"], timeout: .seconds(3)))?.succeeded ?? false
    }

    func teardown() {
        let main = DockerClient.local(cancellation: nil)
        _ = try? paas.paas(["nodes:registry", "stop"], timeout: .seconds(60))
        for service in (try? main.listServices(labels: paas.id.labels)) ?? [] { _ = try? main.removeService(service.id) }
        try? main.leaveSwarm(force: true)
        nodes.stop()
        try? FileManager.default.removeItem(atPath: "/etc/docker/certs.d/\(nodes.hostAddress):5000")
        paas.cleanup()
    }
}
