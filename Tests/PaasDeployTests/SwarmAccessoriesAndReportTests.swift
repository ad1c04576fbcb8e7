import DockerEngine
import Foundation
import XCTest

@testable import PaasDeploy

/// Accessories refused before anything reaches the Engine, accessories listed from services,
/// and the task rows `ps:report` shows for a swarm app.
final class SwarmAccessoriesAndReportTests: XCTestCase {
    private var engine: SwarmEngine!
    private var t: TestPlatform!

    override func setUpWithError() throws {
        engine = SwarmEngine()
        t = try TestPlatform(transport: engine)
        _ = try t.platform.store.createApp("shop")
    }

    override func tearDown() { t.remove() }

    func testBadAccessoryInputIsRefusedBeforeReachingTheEngine() {
        let accessories = Accessories(platform: t.platform)
        func add(name: String = "db", image: String = "postgres:15", env: [String] = [], volumes: [String] = [], publish: [Int] = []) throws {
            try accessories.add(name: name, image: image, node: "main", env: env, volumes: volumes, publish: publish)
        }
        let cases: [(() throws -> Void, AccessoryError)] = [
            ({ try add(name: "DB") }, .badName("DB")),
            ({ try add(name: "db\n") }, .badName("db\n")),
            ({ try add(image: "-postgres") }, .badImage("-postgres")),
            ({ try add(image: "postgres 15") }, .badImage("postgres 15")),
            ({ try add(image: "postgres:15\n") }, .badImage("postgres:15\n")),
            ({ try add(env: ["NOVALUE"]) }, .badEnv("NOVALUE")),
            ({ try add(env: ["1BAD=x"]) }, .badEnv("1BAD=x")),
            ({ try add(volumes: ["data"]) }, .badVolume("data")),
            ({ try add(publish: [0]) }, .badPort(0)),
            ({ try add(publish: [70000]) }, .badPort(70000)),
        ]
        for (call, expected) in cases {
            XCTAssertThrowsError(try call()) { XCTAssertEqual($0 as? AccessoryError, expected) }
        }
        XCTAssertEqual(engine.routes, [], "nothing was asked of the Engine")
    }

    func testAccessoriesAreListedWithTheirNodeStateAndPorts() throws {
        let service = #"""
            {"ID":"acc1","Version":{"Index":3},"Spec":{"Name":"paas-accessory-db","Labels":{"paas.test":"unit","paas.accessory":"db","paas.role":"accessory"},
             "TaskTemplate":{"ContainerSpec":{"Image":"127.0.0.1:5000/paas/accessory-db@sha256:9"},"Placement":{"Constraints":["node.id==n2"]}},
             "Mode":{"Replicated":{"Replicas":1}},
             "EndpointSpec":{"Mode":"dnsrr","Ports":[{"Protocol":"tcp","TargetPort":5432,"PublishedPort":5432,"PublishMode":"host"}]}}}
            """#
        engine.on("GET", "/services", "[" + service + "]")
        engine.on("GET", "/nodes", SwarmEngine.list(SwarmEngine.node("n2", address: "10.0.0.2", labels: ["paas.node": "node2"])))
        engine.on("GET", "/tasks", SwarmEngine.list(SwarmEngine.task("t", slot: 1, node: "n2", state: "running")))
        let list = try Accessories(platform: t.platform).list()
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(list.first?.name, "db")
        XCTAssertEqual(list.first?.node, "node2")
        XCTAssertEqual(list.first?.state, "running")
        XCTAssertEqual(list.first?.ports, [5432])
        XCTAssertEqual(list.first?.image, "127.0.0.1:5000/paas/accessory-db@sha256:9")
        let filters = try XCTUnwrap(engine.fake.requests.first { $0.path == "/services" }?.queryValue("filters"))
        XCTAssertEqual(filters, #"{"label":["paas.role=accessory","paas.test=unit"]}"#, "only this install's accessories")
    }

    func testTaskRowsNameNodeAndPublishedAddress() throws {
        engine.on(
            "GET", "/services",
            "[" + SwarmEngine.service("svc-web", name: "shop_web", replicas: 2, update: nil)
                .replacingOccurrences(of: #""Labels":{"paas.app":"shop"}"#, with: #""Labels":{"paas.app":"shop","paas.process":"web"}"#) + "]")
        engine.on(
            "GET", "/nodes",
            SwarmEngine.list(
                SwarmEngine.node("n-main", address: "10.0.0.1", labels: ["paas.node": "main"], manager: true),
                SwarmEngine.node("n2", address: "10.0.0.2", labels: ["paas.node": "node2"])))
        engine.on(
            "GET", "/tasks",
            SwarmEngine.list(
                SwarmEngine.task("task-two-xxxxxxxx", slot: 2, node: "n2", state: "running", release: "v3", port: 30002),
                SwarmEngine.task("task-one-xxxxxxxx", slot: 1, node: "n-main", state: "running", release: "v3", port: 30001),
                SwarmEngine.task("task-three", slot: 3, node: "", state: "pending", release: "v3")))
        let rows = try SwarmTasksReport(platform: t.platform).rows(app: "shop")
        XCTAssertEqual(rows.map(\.slot), [1, 2, 3])
        XCTAssertEqual(rows.map(\.where), ["on main (10.0.0.1:30001)", "on node2 (10.0.0.2:30002)", "on unplaced"])
        XCTAssertEqual(rows.map(\.process), ["web", "web", "web"])
        XCTAssertEqual(rows.first?.release, "v3")
        XCTAssertEqual(rows.first?.task, "task-one-xxx", "the id's first 12 characters")
    }
}
