import DockerEngine
import Foundation
import PaasSupport
import Synchronization

/// Extra Docker hosts on this machine for Swarm tests: a Linux bridge on a free 10.250.N.0/24
/// (the host at .1) and per node a network namespace with a dockerd of its own (node k at
/// .k+1). Follows the recipe in ENVIRONMENT.md: `nsenter --net=`, `--bridge none
/// --iptables=false`, and ACCEPT rules in DOCKER-USER for the bridge.
///
/// `stop()` removes everything the set made, found by the test id's names, and is safe after a
/// failed start or a second time; `leftovers(id:)` lists what of a test id is still there.
public final class TestDockerNodes: Sendable {
    /// The names everything of this set carries.
    public let names: TestNodeNames
    /// The nodes, in order (node 1 first).
    public let nodes: [TestDockerNode]
    /// The host's address on the bridge (`10.250.N.1`): where the nodes reach the main host,
    /// and the address its dockerd advertises as Swarm manager.
    public let hostAddress: String
    /// The bridge's name.
    public var bridgeName: String { names.bridge }
    private let stopped = Mutex(false)

    private init(names: TestNodeNames, nodes: [TestDockerNode], hostAddress: String) {
        self.names = names
        self.nodes = nodes
        self.hostAddress = hostAddress
    }

    /// Starts `count` nodes for the test `id` and waits until every daemon answers.
    ///
    /// `daemonArguments` are added to every node's dockerd (such as `--insecure-registry`).
    /// On failure everything made so far is removed before the error is thrown.
    public static func start(count: Int, id: TestID, daemonArguments: [String] = []) throws -> TestDockerNodes {
        try start(count: count, id: id.value, daemonArguments: daemonArguments)
    }

    /// Starts `count` nodes named after `id` (lowercase letters, digits, dashes).
    public static func start(count: Int, id: String, daemonArguments: [String] = []) throws -> TestDockerNodes {
        guard (1...9).contains(count) else { throw TestSupportError("test nodes: count must be 1-9, not \(count)") }
        let names = try TestNodeNames(id: id)
        guard leftovers(names).isEmpty else {
            throw TestSupportError("test nodes for \(id) exist already: \(leftovers(names).joined(separator: "; "))")
        }
        var made: [TestDockerNode] = []
        do {
            let subnet = try TestNodeNetwork.createBridge(names)
            let host = "10.250.\(subnet).1"
            try TestNodeNetwork.addRules(names)
            for k in 1...count {
                let address = "10.250.\(subnet).\(k + 1)"
                try TestNodeNetwork.addNode(names, k, address: address, gateway: host)
                made.append(
                    TestDockerNode(names: names, index: k, address: address, extraDaemonArguments: daemonArguments))
            }
            try concurrently(made) { try $0.startDaemon() }
            return TestDockerNodes(names: names, nodes: made, hostAddress: host)
        } catch {
            teardown(names, made)
            throw error
        }
    }

    deinit { stop() }

    // MARK: - Nodes

    /// Node `k` (from 1).
    public func node(_ k: Int) -> TestDockerNode { nodes[k - 1] }

    /// Stops `node`'s dockerd (SIGTERM, which stops its containers; SIGKILL after `grace`) and
    /// anything it left running: the node is lost to the swarm but keeps its data.
    public func stopDaemon(_ node: TestDockerNode, grace: Duration = .seconds(20)) {
        node.stopDaemon(grace: grace)
        TestNodeSweep.killProcesses(names, node: node.index)
    }

    /// Starts `node`'s dockerd again on the same data root (the same Swarm node comes back) and
    /// waits until it answers.
    public func startDaemon(_ node: TestDockerNode) throws {
        try node.startDaemon()
    }

    /// Copies the image `ref` from the main daemon into `node`'s daemon through the Engine API
    /// (export, then load), with the archive in a file under the test's folder, never in memory.
    public func loadImage(_ ref: String, into node: TestDockerNode, from main: DockerClient = .local(cancellation: nil))
        throws
    {
        let archive = "\(node.folder)/image-\(UUID().uuidString).tar"
        defer { unlink(archive) }
        let fd = open(archive, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw TestSupportError("cannot create \(archive)") }
        var writeFailed = false
        do {
            defer { close(fd) }
            try main.exportImages([ref]) { chunk in
                if !writeFailed && write(fd, chunk.baseAddress, chunk.count) != chunk.count { writeFailed = true }
            }
        }
        if writeFailed { throw TestSupportError("cannot write the archive of \(ref) to \(archive)") }
        try node.client.loadImages(archive: try FileByteSource(path: archive))
    }

    /// The images on `node`, read from its own Engine.
    public func listImages(_ node: TestDockerNode) throws -> [ImageSummary] {
        try node.client.listImages(labels: [:])
    }

    // MARK: - Teardown

    /// Makes every node leave any swarm, stops the daemons and removes the namespaces, veths,
    /// bridge, iptables rules, mounts, cgroups and folders. Safe to call twice.
    public func stop() {
        let first = stopped.withLock { done in
            defer { done = true }
            return !done
        }
        if first { Self.teardown(names, nodes) }
    }

    /// What of test `id`'s node set is still on the host, one line each; empty when nothing is.
    public static func leftovers(id: String) throws -> [String] {
        leftovers(try TestNodeNames(id: id))
    }

    static func leftovers(_ names: TestNodeNames) -> [String] {
        var found: [String] = []
        found += TestNodeNetwork.namespaces(names).map { "network namespace \($0)" }
        found += TestNodeNetwork.links(names).map { "interface \($0)" }
        found += TestNodeNetwork.rules(names).map { "iptables rule \($0)" }
        found += TestNodeSweep.processes(names).map { "process \($0.pid): \($0.command)" }
        found += TestNodeSweep.mounts(names).map { "mount \($0)" }
        found += TestNodeSweep.cgroups(names).map { "cgroup \($0)" }
        if FileManager.default.fileExists(atPath: names.folder) { found.append("folder \(names.folder)") }
        return found
    }

    private static func teardown(_ names: TestNodeNames, _ nodes: [TestDockerNode]) {
        try? concurrently(nodes) { node in
            node.leaveSwarm()
            node.stopDaemon()
        }
        TestNodeSweep.killProcesses(names)
        TestNodeSweep.unmount(names)
        TestNodeSweep.removeCgroups(names)
        TestNodeNetwork.remove(names)
        TestNodeNetwork.removeRules(names)
        try? FileManager.default.removeItem(atPath: names.folder)
    }
}

/// Runs `body` for every element at once; throws the first error after all have finished.
private func concurrently<T: Sendable>(_ items: [T], _ body: @Sendable (T) throws -> Void) throws {
    let failure = Mutex<(any Error)?>(nil)
    DispatchQueue.concurrentPerform(iterations: items.count) { i in
        do { try body(items[i]) } catch { failure.withLock { $0 = $0 ?? error } }
    }
    if let error = failure.withLock({ $0 }) { throw error }
}
