import DockerEngine
import Foundation
import PaasTestSupport
import Synchronization
import XCTest

@testable import PaasDeploy

/// A proxy that records what it was told.
final class RecordingProxy: Proxy {
    private let calls = Mutex<[(String, [String], [Upstream])]>([])

    func update(app: String, domains: [String], upstreams: [Upstream]) throws {
        calls.withLock { $0.append((app, domains, upstreams)) }
    }

    func remove(app: String) throws {}

    var updates: [(app: String, domains: [String], upstreams: [Upstream])] { calls.withLock { $0.map { ($0.0, $0.1, $0.2) } } }
}

/// The checks a swarm rollout makes before changing anything, and where the proxy sends a
/// swarm app's traffic.
final class SwarmPlacementAndRoutingTests: XCTestCase {
    private var engine: SwarmEngine!
    private var proxy: RecordingProxy!
    private var t: TestPlatform!

    override func setUpWithError() throws {
        engine = SwarmEngine()
        proxy = RecordingProxy()
        t = try TestPlatform(transport: engine, proxy: proxy)
        _ = try t.platform.store.createApp("shop")
        engine.on("GET", "/info", SwarmEngine.managerInfo)
    }

    override func tearDown() { t.remove() }

    private func spec(_ formation: [String: Int]) -> ReleaseSpec {
        ReleaseSpec(app: "shop", version: 2, deployID: "d2", image: "paas/shop:v2", env: [:], processes: [:], formation: formation, port: 5000)
    }

    private func run(_ formation: [String: Int]) throws {
        var committed = false
        defer { XCTAssertFalse(committed, "nothing is recorded") }
        try SwarmRollout(platform: t.platform, checks: CheckSettings()).run(spec(formation), domains: ["shop.paas.localhost"]) {
            committed = true
        }
    }

    func testPlacementMatchingNoReadyActiveNodeIsRefusedBeforeAnyServiceCall() throws {
        engine.on(
            "GET", "/nodes",
            SwarmEngine.list(
                SwarmEngine.node("n-main", address: "127.0.0.1", labels: ["role": "app"], state: "down", manager: true),
                SwarmEngine.node("n2", address: "127.0.0.2", labels: ["role": "app"], availability: "drain"),
                SwarmEngine.node("n3", address: "127.0.0.3", labels: ["role": "db"])))
        XCTAssertThrowsError(try run(["web": 1, "worker": 0])) { error in
            XCTAssertEqual(error as? ClusterError, .noPlacement(app: "shop", process: "web", constraints: ["node.labels.role==app"]))
            XCTAssertTrue("\(error)".hasPrefix("no active node matches the placement of shop web (node.labels.role==app): "), "\(error)")
        }
        XCTAssertEqual(engine.routes, ["GET /info", "GET /nodes"], "nothing but reads")

        try SchedulerChoice.setPlacement(app: "shop", process: "web", labels: "role=db", store: try t.platform.store)
        let nodes = try SwarmRollout(platform: t.platform, checks: CheckSettings()).preflight(app: "shop", processes: ["web"])
        XCTAssertEqual(nodes.map(\.id), ["n-main", "n2", "n3"], "a placement on the db node passes")
        XCTAssertThrowsError(
            try SwarmRollout(platform: t.platform, checks: CheckSettings()).preflight(app: "shop", processes: ["web", "worker"])
        ) {
            XCTAssertEqual($0 as? ClusterError, .noPlacement(app: "shop", process: "worker", constraints: ["node.labels.role==app"]))
        }
    }

    func testEveryLabelOfAPlacementMustMatchOneNode() throws {
        engine.on(
            "GET", "/nodes",
            SwarmEngine.list(
                SwarmEngine.node("n2", address: "127.0.0.2", labels: ["role": "app", "zone": "us"]),
                SwarmEngine.node("n3", address: "127.0.0.3", labels: ["role": "db", "zone": "eu"])))
        try SchedulerChoice.setPlacement(app: "shop", process: "web", labels: "zone=eu,role=app", store: try t.platform.store)
        XCTAssertThrowsError(try SwarmRollout(platform: t.platform, checks: CheckSettings()).preflight(app: "shop", processes: ["web"])) {
            XCTAssertEqual(
                $0 as? ClusterError,
                .noPlacement(app: "shop", process: "web", constraints: ["node.labels.role==app", "node.labels.zone==eu"]))
        }
    }

    func testNotAManagerIsRefused() throws {
        engine.on("GET", "/info", #"{"Swarm":{"NodeID":"","LocalNodeState":"inactive","ControlAvailable":false}}"#)
        XCTAssertThrowsError(try run(["web": 1])) { XCTAssertEqual($0 as? ClusterError, .notManager) }
        XCTAssertEqual(engine.routes, ["GET /info"])
    }

    func testStorageMountsAreRefusedBeforeAnyServiceCall() throws {
        let storage = Storage(root: t.platform.root)
        try storage.ensureDirectory("uploads")
        try storage.mount(try StorageMount(parsing: "uploads:/data/uploads"), app: "shop", store: try t.platform.store)
        engine.on("GET", "/nodes", SwarmEngine.list(SwarmEngine.node("n2", address: "127.0.0.2")))
        XCTAssertThrowsError(try run(["web": 1])) { error in
            XCTAssertEqual(error as? ClusterError, .storageMounts(app: "shop"))
            XCTAssertTrue("\(error)".contains("storage:unmount"), "\(error)")
        }
        XCTAssertEqual(engine.routes, ["GET /info"])
    }

    // MARK: - Routing

    private let webTasks = SwarmEngine.list(
        SwarmEngine.task("a", slot: 2, node: "n3", state: "running", port: 30002),
        SwarmEngine.task("b", slot: 1, node: "n2", state: "running", port: 30001),
        SwarmEngine.task("c", slot: 3, node: "n2", state: "starting", port: 30003),
        SwarmEngine.task("d", slot: 4, node: "n-down", state: "running", port: 30004),
        SwarmEngine.task("e", slot: 5, node: "n2", state: "running"),
        SwarmEngine.task("f", slot: 6, node: "n-gone", state: "running", port: 30006),
        SwarmEngine.task("g", slot: 7, node: "n2", state: "running", desired: "shutdown", port: 30007),
        SwarmEngine.task("h", slot: 8, node: "n-main", state: "running", port: 30008))

    private let nodes = SwarmEngine.list(
        SwarmEngine.node("n-main", address: "127.0.0.1", manager: true),
        SwarmEngine.node("n2", address: "127.0.0.2"),
        SwarmEngine.node("n3", address: "127.0.0.3", availability: "drain"),
        SwarmEngine.node("n-down", address: "127.0.0.4", state: "down"))

    func testUpstreamsAreTheServingTasksOnReadyNodesAtTheirPublishedPorts() throws {
        engine.on("GET", "/tasks", webTasks)
        engine.on("GET", "/nodes", nodes)
        let upstreams = try SwarmRouter(platform: t.platform).upstreams(app: "shop", probe: false)
        XCTAssertEqual(
            upstreams,
            [
                Upstream(host: "127.0.0.2", port: 30001, number: 1),
                Upstream(host: "127.0.0.3", port: 30002, number: 2),
                Upstream(host: "127.0.0.1", port: 30008, number: 8),
            ],
            "not starting, on a down or unknown node, without a port, or being shut down; a drained node's task until it stops")
        let request = try XCTUnwrap(engine.fake.requests.first { $0.path == "/tasks" })
        let filters = try JSONDecoder().decode([String: [String]].self, from: Data((request.queryValue("filters") ?? "").utf8))
        XCTAssertEqual(filters, ["service": ["shop_web"], "desired-state": ["running"]])
    }

    func testProbingDropsTasksNothingAnswersFor() throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        let silent = try freeLoopbackPort()
        engine.on(
            "GET", "/tasks",
            SwarmEngine.list(
                SwarmEngine.task("a", slot: 1, node: "n-main", state: "running", port: Int(listener.port)),
                SwarmEngine.task("b", slot: 2, node: "n-main", state: "running", port: Int(silent))))
        engine.on("GET", "/nodes", SwarmEngine.list(SwarmEngine.node("n-main", address: "127.0.0.1", manager: true)))
        XCTAssertEqual(
            try SwarmRouter(platform: t.platform).upstreams(app: "shop"), [Upstream(host: "127.0.0.1", port: Int(listener.port), number: 1)])
    }

    func testFollowPointsTheProxyOnlyWhenUpstreamsChange() throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        engine.on("GET", "/tasks", SwarmEngine.list(SwarmEngine.task("a", slot: 1, node: "n-main", state: "running", port: Int(listener.port))))
        engine.on("GET", "/nodes", SwarmEngine.list(SwarmEngine.node("n-main", address: "127.0.0.1", manager: true)))
        let router = SwarmRouter(platform: t.platform)
        let expected = [Upstream(host: "127.0.0.1", port: Int(listener.port), number: 1)]
        XCTAssertEqual(try router.follow(app: "shop", current: nil), expected)
        XCTAssertEqual(proxy.updates.count, 1)
        XCTAssertEqual(proxy.updates.first?.app, "shop")
        XCTAssertEqual(proxy.updates.first?.domains, ["shop.paas.localhost"])
        XCTAssertEqual(proxy.updates.first?.upstreams, expected)
        _ = try router.follow(app: "shop", current: expected)
        XCTAssertEqual(proxy.updates.count, 1, "unchanged: the proxy is left alone")
        _ = try router.follow(app: "shop", current: [])
        XCTAssertEqual(proxy.updates.count, 2)
    }
}

/// A TCP listener on 127.0.0.1 that accepts (in the kernel's backlog) and never answers.
struct LoopbackListener {
    let fd: Int32
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, bound == 0, listen(fd, 8) == 0 else { throw TestSupportError("cannot listen on 127.0.0.1") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    func close() { Glibc.close(fd) }
}
