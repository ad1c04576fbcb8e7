import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// A paas install (real sshd, git, HAProxy) whose host is the manager of a swarm of simulated
/// Docker hosts: `app1`… (role=app) and `db1` (role=accessory, the last node). Tears down everything
/// it made: services, the swarm on the main daemon, the registry and supervisor, the nodes,
/// the registry's CA in /etc/docker/certs.d.
final class SwarmCluster {
    let paas: PaasHarness
    let nodes: TestDockerNodes
    var appNode: TestDockerNode { nodes.node(1) }
    var dbNode: TestDockerNode { nodes.nodes.last! }
    /// Whether the main daemon had Swarm's gateway bridge before (joining a swarm makes it).
    private let hadGatewayBridge: Bool

    init(appNodes: Int = 1) throws {
        let main = DockerClient.local(cancellation: nil)
        let state = try main.swarmState()
        guard state.localNodeState == "inactive" else {
            throw TestSupportError(
                "the main dockerd is in a swarm already (\(state.localNodeState)); the Swarm tests make it a manager of their own")
        }
        hadGatewayBridge = ((try? main.listNetworks(labels: [:])) ?? []).contains("docker_gwbridge")
        paas = try PaasHarness("swarm", proxy: .haproxy)
        do {
            nodes = try TestDockerNodes.start(count: appNodes + 1, id: paas.id)
        } catch {
            paas.cleanup()
            throw error
        }
        do {
            for k in 1...appNodes {
                let node = nodes.node(k)
                try expectOK(["nodes:add", "app\(k)", "--engine", "unix://" + node.socketPath, "--address", node.address])
            }
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

    /// The tags of `app`'s repository in the swarm's registry, sorted (curl trusting only the CA).
    func registryTags(app: String) throws -> [String] {
        let url = "https://\(nodes.hostAddress):5000/v2/paas/\(app)/tags/list"
        let result = try Run.command("/usr/bin/curl", ["-sS", "--cacert", paas.rootPath + "/swarm/ca/ca.crt", url])
        guard result.succeeded else { throw TestSupportError("curl \(url): \(result.summary)") }
        struct Tags: Decodable { let tags: [String]? }
        if result.stdoutText.contains("NAME_UNKNOWN") { return [] }
        return (try JSONDecoder().decode(Tags.self, from: Data(result.stdout)).tags ?? []).sorted()
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
        if !hadGatewayBridge { try? main.removeNetwork("docker_gwbridge") }
        nodes.stop()
        try? FileManager.default.removeItem(atPath: "/etc/docker/certs.d/\(nodes.hostAddress):5000")
        paas.cleanup()
    }
}

/// A test case whose tests share one `SwarmCluster`, made before the first test of the class and
/// torn down after the last (a cluster takes seconds to form).
class SwarmClusterTestCase: XCTestCase {
    nonisolated(unsafe) private static var clusters: [String: Result<SwarmCluster, Error>] = [:]

    override class func setUp() {
        clusters[String(describing: self)] = Result { try SwarmCluster() }
    }

    override class func tearDown() {
        if case .success(let cluster) = clusters.removeValue(forKey: String(describing: self)) { cluster.teardown() }
    }

    /// This class's cluster; throws why it could not be made.
    var cluster: SwarmCluster {
        get throws {
            guard let made = Self.clusters[String(describing: type(of: self))] else {
                throw TestSupportError("the swarm cluster was not made")
            }
            return try made.get()
        }
    }
}
