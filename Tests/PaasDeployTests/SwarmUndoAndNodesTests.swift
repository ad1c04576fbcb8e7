import DockerEngine
import Foundation
import PaasStore
import XCTest

@testable import PaasDeploy

/// Undoing a failed swarm rollout, and node changes, against a scripted manager.
final class SwarmUndoAndNodesTests: XCTestCase {
    private var engine: SwarmEngine!
    private var t: TestPlatform!

    override func setUpWithError() throws {
        engine = SwarmEngine()
        t = try TestPlatform(transport: engine)
        _ = try t.platform.store.createApp("shop")
        engine.on("GET", "/info", SwarmEngine.managerInfo)
        engine.on("GET", "/tasks", "[]")
        engine.on("GET", "/nodes", SwarmEngine.list(SwarmEngine.node("n-main", address: "127.0.0.1", manager: true)))
    }

    override func tearDown() { t.remove() }

    private func requests(_ route: String) -> [String] {
        engine.fake.requests.filter { "\($0.method) \($0.path)" == route }.map { $0.queryValue("rollback") ?? "-" }
    }

    func testUndoRemovesCreatedServicesAndRollsBackOnlyUpdatesSwarmDidNotRollBack() throws {
        engine.on("DELETE", "/services/new-worker", "")
        engine.on("GET", "/services/web", SwarmEngine.service("web", name: "shop_web", replicas: 1, update: "updating"),
            SwarmEngine.service("web", name: "shop_web", replicas: 1, update: "rollback_started"),
            SwarmEngine.service("web", name: "shop_web", replicas: 1, update: "rollback_completed"))
        engine.on("POST", "/services/web/update", "{}")
        engine.on("GET", "/services/clock", SwarmEngine.service("clock", name: "shop_clock", replicas: 1, update: "rollback_completed"))
        let changes = [
            SwarmRollout.Change(process: "web", serviceID: "web", created: false, replicas: 1),
            SwarmRollout.Change(process: "clock", serviceID: "clock", created: false, replicas: 1),
            SwarmRollout.Change(process: "worker", serviceID: "new-worker", created: true, replicas: 1),
        ]
        let started = ContinuousClock.now
        SwarmRollout(platform: t.platform, checks: CheckSettings()).undo(changes, app: "shop")
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(10), "waited only until the rollbacks completed")
        XCTAssertEqual(engine.routes.first, "DELETE /services/new-worker", "created ones go first (reverse order)")
        XCTAssertEqual(requests("POST /services/web/update"), ["previous"], "the update in progress is rolled back")
        XCTAssertEqual(requests("POST /services/clock/update"), [], "Swarm rolled it back itself")
        let update = try XCTUnwrap(engine.fake.requests.first { $0.path == "/services/web/update" })
        XCTAssertEqual(update.queryValue("version"), "12")
    }

    // MARK: - Nodes

    func testLabellingMainSetsAndRemovesLabelsAndKeepsItsName() throws {
        engine.on(
            "GET", "/nodes/n-main",
            SwarmEngine.node("n-main", address: "127.0.0.1", labels: ["role": "app", "disk": "hdd", "paas.node": "main"], manager: true))
        engine.on("POST", "/nodes/n-main/update", "")
        try Cluster(platform: t.platform).label(name: "main", pairs: ["zone=eu", "disk=", "paas.node=evil"])
        let update = try XCTUnwrap(engine.fake.requests.first { $0.path == "/nodes/n-main/update" })
        XCTAssertEqual(update.queryValue("version"), "9")
        let spec = try JSONDecoder().decode(SwarmNode.Spec.self, from: Data(update.body))
        XCTAssertEqual(spec.labels, ["role": "app", "zone": "eu", "paas.node": "main"])
        XCTAssertEqual(spec.name, "main")
        XCTAssertEqual(spec.role, "manager", "the role is left as it was")
        XCTAssertEqual(spec.availability, "active")
    }

    func testBadLabelChangesNothing() throws {
        XCTAssertThrowsError(try Cluster(platform: t.platform).label(name: "main", pairs: ["zone=eu", "bad key=x"])) {
            XCTAssertEqual($0 as? ClusterError, .badLabel("bad key=x"))
        }
        XCTAssertFalse(engine.routes.contains { $0.hasPrefix("POST") }, "\(engine.routes)")
    }

    func testMainCannotBeDrainedOrRemovedAndUnknownNodesAreNamed() throws {
        let cluster = Cluster(platform: t.platform)
        XCTAssertThrowsError(try cluster.drain(name: "main")) { XCTAssertEqual($0 as? ClusterError, .mainHost("main")) }
        XCTAssertThrowsError(try cluster.remove(name: "main")) { XCTAssertEqual($0 as? ClusterError, .mainHost("main")) }
        XCTAssertThrowsError(try cluster.remove(name: "ghost")) { XCTAssertEqual($0 as? ClusterError, .noSuchNode("ghost")) }
        XCTAssertThrowsError(try cluster.label(name: "ghost", pairs: ["a=b"])) { XCTAssertEqual($0 as? ClusterError, .noSuchNode("ghost")) }
        XCTAssertEqual(engine.routes.filter { $0.hasPrefix("POST") || $0.hasPrefix("DELETE") }, [])
    }

    func testNodeRunningTasksIsNotRemoved() throws {
        try t.platform.store.addNode(ClusterNode(name: "node2", engine: "ssh://root@10.0.0.2", address: "10.0.0.2", swarmID: "n2"))
        engine.on(
            "GET", "/tasks",
            SwarmEngine.list(
                SwarmEngine.task("a", slot: 1, node: "n2", state: "running"),
                SwarmEngine.task("b", slot: 2, node: "n2", state: "preparing")))
        XCTAssertThrowsError(try Cluster(platform: t.platform).remove(name: "node2")) { error in
            XCTAssertEqual(error as? ClusterError, .stillRunning("node2", tasks: 2))
            XCTAssertEqual("\(error)", "node node2 still runs 2 task(s): drain it first with nodes:drain node2, then remove it")
        }
        let filters = try XCTUnwrap(engine.fake.requests.first { $0.path == "/tasks" }?.queryValue("filters"))
        XCTAssertEqual(
            try JSONDecoder().decode([String: [String]].self, from: Data(filters.utf8)), ["node": ["n2"], "desired-state": ["running"]])
        XCTAssertNotNil(try t.platform.store.node("node2"), "still known")
        XCTAssertFalse(engine.routes.contains { $0.hasPrefix("DELETE") })
    }

    func testAddRefusesBadInputBeforeReachingAnything() throws {
        let cluster = Cluster(platform: t.platform)
        XCTAssertThrowsError(try cluster.add(name: "Node", engine: "ssh://root@10.0.0.2", address: nil, labels: [:])) {
            XCTAssertEqual($0 as? ClusterError, .badNodeName("Node"))
        }
        XCTAssertThrowsError(try cluster.add(name: "main", engine: "ssh://root@10.0.0.2", address: nil, labels: [:])) {
            XCTAssertEqual($0 as? StoreError, .nodeExists("main"))
        }
        XCTAssertThrowsError(try cluster.add(name: "node2", engine: "tcp://10.0.0.2:2375", address: nil, labels: [:])) {
            XCTAssertEqual($0 as? ClusterError, .badEngine("tcp://10.0.0.2:2375"))
        }
        XCTAssertThrowsError(try cluster.add(name: "node2", engine: "unix:///var/run/docker.sock", address: nil, labels: [:])) {
            XCTAssertEqual($0 as? ClusterError, .needAddress("unix:///var/run/docker.sock"))
        }
        XCTAssertThrowsError(try cluster.add(name: "node2", engine: "unix:///var/run/docker.sock", address: "10.0.0", labels: [:])) {
            XCTAssertEqual($0 as? ClusterError, .badAddress("10.0.0"))
        }
        XCTAssertEqual(engine.routes, [], "nothing was asked of any Engine")
        XCTAssertNil(try t.platform.store.node("node2"))
    }
}
