import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// The simulated Docker hosts Swarm tests run on: real dockerds in network namespaces on a test
/// bridge, reachable from the host and from each other, removed without a trace.
final class TestDockerNodesTests: XCTestCase {
    private let busybox = "/bin/busybox"

    func testTwoNodesAnswerReachEachOtherAndTheHostRunATaskAndLeaveNothing() throws {
        let id = TestID("nodes")
        var clock = ContinuousClock.now
        func lap(_ what: String) {
            print("TestDockerNodes \(what): \(ContinuousClock.now - clock)")
            clock = ContinuousClock.now
        }
        let set = try TestDockerNodes.start(count: 2, id: id)
        defer { set.stop() }
        let (n1, n2) = (set.node(1), set.node(2))
        lap("start of 2 nodes")

        let net = String(set.hostAddress.dropLast(2))
        XCTAssertTrue(set.hostAddress.hasPrefix("10.250.") && set.hostAddress.hasSuffix(".1"), set.hostAddress)
        XCTAssertEqual([n1.address, n2.address], [net + ".2", net + ".3"])
        XCTAssertLessThanOrEqual(set.bridgeName.count, 15)
        for node in set.nodes {
            XCTAssertTrue(try node.client.version().apiVersion.hasPrefix("1."), node.daemonLogTail())
            XCTAssertEqual(try engine(node.client, "GET", "/info")["Name"] as? String, node.name, "hostname")
        }

        // Host to node, node to node (across the bridge: the DOCKER-USER rules), node to host.
        let www = try TempDir()
        try www.write("index.html", id.value)
        let onNode = try BackgroundProcess(
            "/usr/bin/nsenter",
            ["--net=" + n1.netnsPath, "--", busybox, "httpd", "-f", "-p", n1.address + ":8080", "-h", www.path],
            logFile: www.file("node-httpd.log"))
        defer { onNode.stop() }
        let onHost = try BackgroundProcess(
            busybox, ["httpd", "-f", "-p", set.hostAddress + ":8081", "-h", www.path],
            logFile: www.file("host-httpd.log"))
        defer { onHost.stop() }
        XCTAssertEqual(try fetch(from: nil, "http://\(n1.address):8080/index.html"), id.value)
        XCTAssertEqual(try fetch(from: n2, "http://\(n1.address):8080/index.html"), id.value)
        XCTAssertEqual(try fetch(from: n1, "http://\(set.hostAddress):8081/index.html"), id.value)
        // Nothing a node sends leaves through the host: its DNS lookup is refused at once.
        let lookupStart = ContinuousClock.now
        let lookup = try n1.run("getent", ["hosts", "paas-test.invalid"])
        XCTAssertFalse(lookup.succeeded, lookup.summary)
        XCTAssertLessThan(ContinuousClock.now - lookupStart, .seconds(3), "a node's lookup waited for a timeout")

        // A swarm of the two nodes (never the main daemon): manager port, gossip, both ready.
        _ = try engine(n1.client, "POST", "/swarm/init", ["ListenAddr": "0.0.0.0:2377", "AdvertiseAddr": n1.address])
        let tokens = try engine(n1.client, "GET", "/swarm")["JoinTokens"] as? [String: Any]
        let join: [String: Any] = [
            "ListenAddr": "0.0.0.0:2377", "AdvertiseAddr": n2.address, "RemoteAddrs": [n1.address + ":2377"],
            "JoinToken": try XCTUnwrap(tokens?["Worker"] as? String),
        ]
        _ = try engine(n2.client, "POST", "/swarm/join", join)
        var ready: Set<String> = []
        let joined = try waitUntil(timeout: .seconds(30), every: .milliseconds(250)) {
            ready = Set(try swarmNodes(n1.client).filter { $0.state == "ready" }.map(\.hostname))
            return ready == [n1.name, n2.name]
        }
        XCTAssertTrue(joined, "ready swarm nodes: \(ready)\n\(n2.daemonLogTail())")
        lap("traffic checks and a swarm of both")

        // An image copied through the Engine API lands on that node only.
        try set.loadImage("paas/busybox:latest", into: n1)
        XCTAssertTrue(try set.listImages(n1).contains { $0.repoTags.contains("paas/busybox:latest") })
        XCTAssertFalse(try set.listImages(n2).contains { $0.repoTags.contains("paas/busybox:latest") })
        lap("busybox copied into a node")

        // A task on a node, on an overlay network, publishing in host mode: the host reaches
        // NODE_IP:PORT.
        let network: [String: Any] = ["Name": id.name("net"), "Driver": "overlay", "Labels": id.labels]
        _ = try engine(n1.client, "POST", "/networks/create", network)
        let script = "mkdir -p /www && echo \(id.value) > /www/index.html && exec httpd -f -p 8000 -h /www"
        let service: [String: Any] = [
            "Name": id.name("web"), "Labels": id.labels,
            "TaskTemplate": [
                "ContainerSpec": ["Image": "paas/busybox:latest", "Command": ["sh", "-c", script]],
                "Placement": ["Constraints": ["node.hostname == \(n1.name)"]],
                "Networks": [["Target": id.name("net")]],
            ],
            "EndpointSpec": [
                "Ports": [["Protocol": "tcp", "TargetPort": 8000, "PublishedPort": 8090, "PublishMode": "host"]]
            ],
        ]
        _ = try engine(n1.client, "POST", "/services/create", service)
        XCTAssertEqual(
            try fetch(from: nil, "http://\(n1.address):8090/index.html", timeout: .seconds(60)), id.value + "\n")
        XCTAssertEqual(try fetch(from: n2, "http://\(n1.address):8090/index.html"), id.value + "\n")
        lap("service created until its published port answers")

        set.stop()
        lap("teardown")
        set.stop()
        try assertNothingLeft(set.names)
    }

    func testAStoppedDaemonComesBackAsTheSameSwarmNode() throws {
        let set = try TestDockerNodes.start(count: 1, id: TestID("nodes"))
        defer { set.stop() }
        let node = set.node(1)
        _ = try engine(
            node.client, "POST", "/swarm/init", ["ListenAddr": "0.0.0.0:2377", "AdvertiseAddr": node.address])
        let before = try XCTUnwrap(try engine(node.client, "GET", "/info")["Swarm"] as? [String: Any])

        let stopping = ContinuousClock.now
        set.stopDaemon(node)
        let stopTime = ContinuousClock.now - stopping
        XCTAssertFalse(node.isDaemonRunning)
        XCTAssertThrowsError(try node.client.ping())

        let starting = ContinuousClock.now
        try set.startDaemon(node)
        let startTime = ContinuousClock.now - starting
        try node.client.ping()
        let after = try XCTUnwrap(try engine(node.client, "GET", "/info")["Swarm"] as? [String: Any])
        XCTAssertEqual(after["NodeID"] as? String, try XCTUnwrap(before["NodeID"] as? String))
        XCTAssertEqual(after["LocalNodeState"] as? String, "active")
        print("node daemon stop: \(stopTime), start again: \(startTime)")

        set.stop()
        try assertNothingLeft(set.names)
    }

    func testAFailedStartRemovesWhatItMade() throws {
        let id = TestID("nodes")
        XCTAssertThrowsError(try TestDockerNodes.start(count: 2, id: id, daemonArguments: ["--no-such-flag"])) {
            XCTAssertTrue("\($0)".contains("dockerd of node \(id.value)-n"), "\($0)")
            XCTAssertTrue("\($0)".contains("no-such-flag"), "the log is in the message: \($0)")
        }
        try assertNothingLeft(try TestNodeNames(id: id.value))
    }

    func testNamesFitLinuxAndRefuseIdsThatAreNotNames() throws {
        let names = try TestNodeNames(id: TestID(String(repeating: "x", count: 40)).value)
        for name in [names.bridge, names.hostVeth(9), names.nodeVeth(9)] {
            XCTAssertLessThanOrEqual(name.count, 15, name)
            XCTAssertTrue(name.contains(names.tag))
        }
        XCTAssertNotEqual(try TestNodeNames(id: "a-1").tag, try TestNodeNames(id: "a-2").tag)
        XCTAssertThrowsError(try TestNodeNames(id: "../etc")) {
            XCTAssertTrue("\($0)".contains("'../etc' is not a test id"), "\($0)")
        }
    }

    // MARK: - Helpers

    /// Checks, with the system's own tools, that nothing of the node set is left.
    private func assertNothingLeft(_ names: TestNodeNames, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try TestDockerNodes.leftovers(id: names.id), [], file: file, line: line)
        let netns = try Run.checked("ip", ["netns", "list"]).stdoutText
        XCTAssertFalse(netns.contains(names.id), netns, file: file, line: line)
        let links = try Run.checked("ip", ["-o", "link", "show"]).stdoutText
        XCTAssertFalse(links.contains(names.tag), links, file: file, line: line)
        let rules = try Run.checked("iptables", ["-w", "-S", "DOCKER-USER"]).stdoutText
        XCTAssertFalse(rules.contains(names.id), rules, file: file, line: line)
        let processes = try Run.checked("ps", ["-eo", "pid,args"]).stdoutText
        XCTAssertFalse(processes.contains(names.folder), processes, file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: names.folder), file: file, line: line)
    }

    /// The body of `url` fetched from the host (`node` nil) or from inside `node`'s namespace.
    private func fetch(from node: TestDockerNode?, _ url: String, timeout: Duration = .seconds(10)) throws -> String {
        var result: ProcessResult?
        let arguments = ["-sS", "--noproxy", "*", "--max-time", "3", url]
        let answered = try waitUntil(timeout: timeout, every: .milliseconds(250)) {
            result = try node.map { try $0.run("curl", arguments) } ?? Run.command("curl", arguments)
            return result?.succeeded == true
        }
        XCTAssertTrue(answered, "\(url) from \(node?.name ?? "the host"): \(result?.summary ?? "")")
        return result?.stdoutText ?? ""
    }

    /// A raw Engine API call (the swarm endpoints are not the client's business here).
    private func engine(_ client: DockerClient, _ method: String, _ path: String, _ json: [String: Any]? = nil)
        throws -> [String: Any]
    {
        let body = try json.map { EngineRequest.Body.bytes(Array(try JSONSerialization.data(withJSONObject: $0))) }
        let request = EngineRequest(
            method: method, path: path, apiVersion: client.apiVersion,
            headers: json == nil ? [:] : ["Content-Type": "application/json"], body: body ?? .none)
        let response = try client.transport.perform(request, onChunk: nil)
        let text = String(decoding: response.body, as: UTF8.self)
        guard response.status < 400 else { throw TestSupportError("\(method) \(path): \(response.status) \(text)") }
        return (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    private func swarmNodes(_ client: DockerClient) throws -> [(hostname: String, state: String)] {
        let response = try client.transport.perform(
            EngineRequest(method: "GET", path: "/nodes", apiVersion: client.apiVersion), onChunk: nil)
        let list = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [[String: Any]] ?? []
        return list.map {
            (
                ($0["Description"] as? [String: Any])?["Hostname"] as? String ?? "",
                ($0["Status"] as? [String: Any])?["State"] as? String ?? ""
            )
        }
    }
}
