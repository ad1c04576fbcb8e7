import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// Issue 11's bad input and faults: each refused with one line, nothing changed, the old release
/// serving; and a node lost, its tasks started again elsewhere with the proxy following.
final class SwarmFaultTests: XCTestCase {
    nonisolated(unsafe) static var shared: SwarmCluster?
    nonisolated(unsafe) static var setupError: Error?

    override class func setUp() {
        do { shared = try SwarmCluster() } catch { setupError = error }
    }

    override class func tearDown() {
        shared?.teardown()
        shared = nil
    }

    var cluster: SwarmCluster {
        get throws {
            if let shared = Self.shared { return shared }
            throw Self.setupError ?? TestSupportError("the swarm cluster did not start")
        }
    }

    /// Runs `arguments`, expects a refusal whose last line contains `text`, and returns it.
    @discardableResult
    private func refused(_ arguments: [String], _ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try cluster.paas.ssh(arguments)
        XCTAssertFalse(result.succeeded, result.summary, file: file, line: line)
        let last = result.stderrText.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(last.contains(text), "expected '\(text)' in: \(result.stderrText)", file: file, line: line)
        return last
    }

    private func nodesJSON() throws -> String { try cluster.expectOK(["nodes:list", "--format", "json"]).stdoutText }

    func testBadNodesAreRefusedWithOneLineAndNothingChanges() throws {
        let c = try cluster
        let before = try nodesJSON()
        try refused(["nodes:add", "app1", "--engine", "unix://" + c.appNode.socketPath, "--address", c.appNode.address], "exists already")
        try refused(["nodes:add", "main", "--engine", "unix:///nowhere.sock", "--address", "10.0.0.9"], "exists already")
        try refused(["nodes:add", "ghost", "--engine", "unix:///nowhere/docker.sock", "--address", "10.0.0.9"], "cannot reach the Docker Engine")
        try refused(["nodes:add", "ghost", "--engine", "tcp://10.0.0.9:2375"], "invalid engine")
        try refused(["nodes:add", "ghost", "--engine", "ssh://-oProxyCommand=x@host"], "invalid engine")
        try refused(["nodes:add", "Bad_Name", "--engine", "unix:///x.sock", "--address", "10.0.0.9"], "invalid node name")
        try refused(["nodes:add", "ghost", "--engine", "unix:///x.sock"], "--address")
        try refused(["nodes:add", "again", "--engine", "unix://" + c.appNode.socketPath, "--address", c.appNode.address], "already a node of this swarm")
        try refused(["nodes:label", "app1", "no-equals"], "invalid label")
        try refused(["nodes:remove", "nope"], "no node named")
        try refused(["nodes:drain", "main"], "this host")

        // An Engine whose API is older than paas speaks.
        let old = try TempDir(prefix: "old-engine")
        let socket = old.file("docker.sock")
        let server = try BackgroundProcess(
            "/usr/bin/python3",
            [
                "-c",
                """
                import http.server, socketserver, sys
                class H(http.server.BaseHTTPRequestHandler):
                    def do_GET(self):
                        body = b'{"Version":"1.12.6","ApiVersion":"1.24","Os":"linux","Arch":"amd64"}'
                        self.send_response(200); self.send_header("Content-Type", "application/json")
                        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
                    def address_string(self): return "local"
                class S(socketserver.UnixStreamServer):
                    def get_request(self):
                        r, _ = super().get_request(); return r, ("local", 0)
                S(sys.argv[1], H).serve_forever()
                """,
                socket,
            ], logFile: old.file("server.log"))
        defer { server.stop() }
        XCTAssertTrue(waitUntil(timeout: .seconds(10)) { FileManager.default.fileExists(atPath: socket) })
        try refused(["nodes:add", "oldie", "--engine", "unix://" + socket, "--address", "10.0.0.9"], "speaks API 1.24")

        // A Docker host that is the manager of another swarm.
        let other = try TestDockerNodes.start(count: 1, id: TestID("swother"))
        defer { other.stop() }
        let n = other.node(1)
        try n.client.initSwarm(advertiseAddress: n.address, listenAddress: "\(n.address):2377")
        try refused(["nodes:add", "other", "--engine", "unix://" + n.socketPath, "--address", n.address], "belongs to another swarm")

        XCTAssertEqual(try nodesJSON(), before, "a refused command changed the nodes")
        XCTAssertEqual(try c.paas.paas(["nodes:list"]).stdoutText.components(separatedBy: "\n").count, 5)
    }

    func testDeployFaultsAreRefusedBeforeAnythingChanges() throws {
        let c = try cluster
        let app = "\(c.paas.id.value)-faults"
        try c.expectOK(["apps:create", app])
        try c.expectOK(["scheduler:set", app, "selected", "docker-swarm"])
        let repo = try RolloutApps.make("first")
        XCTAssertTrue(try c.paas.push(repo, app: app).succeeded)
        try c.expectOK(["ps:scale", app, "web=2"])
        try c.paas.waitFor(app: app, body: "first\n")

        // A placement no node matches: refused before the build.
        try c.expectOK(["scheduler:set", app, "placement", "web", "zone=nowhere"])
        try RolloutApps.write(repo, version: "second")
        try repo.commit("second")
        let placed = try c.paas.push(repo, app: app)
        XCTAssertFalse(placed.succeeded)
        XCTAssertTrue(placed.stderrText.contains("no active node matches the placement of \(app) web (node.labels.zone==nowhere)"), placed.summary)
        XCTAssertFalse(placed.stderrText.contains("Building"), placed.summary)
        try refused(["scheduler:set", app, "placement", "web", "zone"], "invalid placement")
        try c.expectOK(["scheduler:set", app, "placement", "web"])

        // The registry down: refused before the build, with how to start it.
        try c.expectOK(["nodes:registry", "stop"])
        let down = try c.paas.push(repo, app: app)
        XCTAssertFalse(down.succeeded)
        XCTAssertTrue(down.stderrText.contains("is not answering") && down.stderrText.contains("nodes:registry start"), down.summary)
        XCTAssertEqual(try c.paas.get(app: app).body, "first\n")
        try c.expectOK(["nodes:registry", "start"])

        // A node that runs tasks can't be removed; drained, it can (and comes back).
        XCTAssertTrue(try c.servingTasks(app: app).count == 2)
        try refused(["nodes:remove", "app1"], "drain it first")
        XCTAssertEqual(try c.paas.get(app: app).body, "first\n")
        let releases = try c.expectOK(["releases", app]).stdoutText
        XCTAssertFalse(releases.contains("v2"), releases)

        // With everything back, the same push goes through.
        XCTAssertTrue(try c.paas.push(repo, app: app).succeeded)
        try c.paas.waitFor(app: app, body: "second\n")
        try c.expectOK(["apps:destroy", app, "--force"])
    }

    func testZLostNodeTasksMoveAndTheProxyFollows() throws {
        let c = try cluster
        let app = "\(c.paas.id.value)-loss"
        try c.expectOK(["apps:create", app])
        try c.expectOK(["scheduler:set", app, "selected", "docker-swarm"])
        XCTAssertTrue(try c.paas.push(try RolloutApps.make("steady"), app: app).succeeded)
        try c.expectOK(["ps:scale", app, "web=2"])
        let main = DockerClient.local(cancellation: nil)
        let appNodeID = try XCTUnwrap(try main.listNodes().first { $0.spec.labels["paas.node"] == "app1" }?.id)
        XCTAssertTrue(
            waitUntil(timeout: .seconds(30)) { (try? c.servingTasks(app: app).contains { $0.nodeID == appNodeID }) == true },
            "no task on app1")

        let lost = ContinuousClock.now
        c.nodes.stopDaemon(c.appNode)
        defer { try? c.nodes.startDaemon(c.appNode) }
        // Every replica serves again from the remaining app node (this host), through the proxy.
        XCTAssertTrue(
            waitUntil(timeout: .seconds(60), every: .milliseconds(200)) {
                let tasks = (try? c.servingTasks(app: app)) ?? []
                return tasks.count == 2 && tasks.allSatisfy { $0.nodeID != appNodeID }
            }, "tasks: \((try? c.servingTasks(app: app)) ?? [])")
        var served = 0
        XCTAssertTrue(
            waitUntil(timeout: .seconds(20), every: .milliseconds(100)) {
                served = (try? c.paas.get(app: app).body) == "steady\n" ? served + 1 : 0
                return served >= 10
            }, "not served after the node was lost")
        print("Swarm node loss: every replica serving again after \(ContinuousClock.now - lost)")
        try c.nodes.startDaemon(c.appNode)
        XCTAssertTrue(waitUntil(timeout: .seconds(60)) { (try? main.inspectNode(appNodeID))?.state == "ready" })
        try c.expectOK(["apps:destroy", app, "--force"])
    }
}
