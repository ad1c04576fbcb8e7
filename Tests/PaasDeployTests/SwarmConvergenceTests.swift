import DockerEngine
import Foundation
import XCTest

@testable import PaasDeploy

/// How a swarm rollout decides it is done or failed, from what a (scripted) manager says about
/// the services and their tasks.
final class SwarmConvergenceTests: XCTestCase {
    private var engine: SwarmEngine!
    private var t: TestPlatform!

    override func setUpWithError() throws {
        engine = SwarmEngine()
        t = try TestPlatform(transport: engine)
        _ = try t.platform.store.createApp("shop")
    }

    override func tearDown() { t.remove() }

    private let nodes = [
        SwarmNode(id: "n-main", version: 1, spec: .init(labels: ["role": "app", "paas.node": "main"]), hostname: "h1", state: "ready", address: "127.0.0.1"),
        SwarmNode(id: "n2", version: 1, spec: .init(labels: ["role": "app", "paas.node": "node2"]), hostname: "h2", state: "ready", address: "127.0.0.2"),
    ]

    private func convergence(deploy: String? = "d2") -> SwarmConvergence {
        SwarmConvergence(platform: t.platform, app: "shop", deploy: deploy, nodes: nodes)
    }

    private let worker = SwarmRollout.Change(process: "worker", serviceID: "svc", created: false, replicas: 1)

    func testCompletedUpdateReturnsOnceTheNewTaskRunsAndTheOldStopped() throws {
        engine.on(
            "GET", "/services/svc",
            SwarmEngine.service("svc", name: "shop_worker", replicas: 1, update: "updating"),
            SwarmEngine.service("svc", name: "shop_worker", replicas: 1, update: "completed"))
        engine.on(
            "GET", "/tasks",
            SwarmEngine.list(
                SwarmEngine.task("old", slot: 1, node: "n-main", state: "running", deploy: "d1"),
                SwarmEngine.task("new", slot: 1, node: "n2", state: "starting")),
            SwarmEngine.list(
                SwarmEngine.task("old", slot: 1, node: "n-main", state: "shutdown", desired: "shutdown", deploy: "d1"),
                SwarmEngine.task("new", slot: 1, node: "n2", state: "running")))
        try convergence().wait(for: [worker], timeout: .seconds(10))
        XCTAssertEqual(engine.routes.filter { $0 == "GET /services/svc" }.count, 2, "waited for the update to complete")
        XCTAssertTrue(t.output.contains("worker.1 on node2: starting"), t.output)
        XCTAssertTrue(t.output.contains("worker.1 on node2: running"), t.output)
        XCTAssertFalse(t.output.contains("on main"), "tasks of the old deploy are not reported: \(t.output)")
        XCTAssertFalse(engine.routes.contains("GET /nodes"), "no web process: the proxy is not touched")
    }

    func testAnOldTaskStillRunningKeepsItPendingUntilTimeout() throws {
        engine.on("GET", "/services/svc", SwarmEngine.service("svc", name: "shop_worker", replicas: 1, update: "completed"))
        engine.on(
            "GET", "/tasks",
            SwarmEngine.list(
                SwarmEngine.task("old", slot: 1, node: "n-main", state: "running", deploy: "d1"),
                SwarmEngine.task("new", slot: 1, node: "n2", state: "running")))
        let started = ContinuousClock.now
        XCTAssertThrowsError(try convergence().wait(for: [worker], timeout: .seconds(1))) {
            XCTAssertEqual(
                $0 as? ClusterError,
                .converge(app: "shop", process: "worker", why: "not every task was running and healthy after 1 s"))
        }
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(5))
    }

    /// A restart keeps the release number: tasks of the previous deploy of the same release
    /// must not pass for new ones while the update has not even started.
    func testTasksOfAnEarlierDeployOfTheSameReleaseDoNotCountAsNew() throws {
        engine.on(
            "GET", "/services/svc",
            SwarmEngine.service("svc", name: "shop_worker", replicas: 1, update: nil),
            SwarmEngine.service("svc", name: "shop_worker", replicas: 1, update: "updating"),
            SwarmEngine.service("svc", name: "shop_worker", replicas: 1, update: "completed"))
        engine.on(
            "GET", "/tasks",
            SwarmEngine.list(SwarmEngine.task("old", slot: 1, node: "n-main", state: "running", release: "v2", deploy: "d1")),
            SwarmEngine.list(
                SwarmEngine.task("old", slot: 1, node: "n-main", state: "running", release: "v2", deploy: "d1"),
                SwarmEngine.task("new", slot: 1, node: "n2", state: "starting", release: "v2")),
            SwarmEngine.list(
                SwarmEngine.task("old", slot: 1, node: "n-main", state: "shutdown", desired: "shutdown", release: "v2", deploy: "d1"),
                SwarmEngine.task("new", slot: 1, node: "n2", state: "running", release: "v2")))
        try convergence().wait(for: [worker], timeout: .seconds(10))
        XCTAssertEqual(
            engine.routes.filter { $0 == "GET /services/svc" }.count, 3,
            "the old task of release v2 did not end the wait before the new one ran")
    }

    func testRolledBackUpdateFailsNamingTheTaskError() throws {
        engine.on(
            "GET", "/services/svc",
            SwarmEngine.service("svc", name: "shop_worker", replicas: 1, update: "rollback_completed", message: "rollback completed"))
        engine.on(
            "GET", "/tasks",
            SwarmEngine.list(
                SwarmEngine.task("old", slot: 1, node: "n-main", state: "running", deploy: "d1"),
                SwarmEngine.task("new", slot: 1, node: "n2", state: "failed", desired: "shutdown", error: "task: non-zero exit (1)", exitCode: 1)))
        XCTAssertThrowsError(try convergence().wait(for: [worker], timeout: .seconds(10))) { error in
            XCTAssertEqual(
                error as? ClusterError,
                .converge(app: "shop", process: "worker", why: "rollback completed (1 task(s) failed: task: non-zero exit (1), exit code 1)"))
            XCTAssertEqual(
                "\(error)",
                "shop worker did not converge: rollback completed (1 task(s) failed: task: non-zero exit (1), exit code 1)")
        }
        XCTAssertTrue(t.output.contains("worker.1 on node2: failed — task: non-zero exit (1)"), t.output)
    }

    func testPausedUpdateWithoutFailedTaskFailsWithSwarmsMessage() throws {
        engine.on(
            "GET", "/services/svc",
            SwarmEngine.service("svc", name: "shop_worker", replicas: 1, update: "paused", message: "update paused due to failure or early termination of task x"))
        engine.on("GET", "/tasks", "[]")
        XCTAssertThrowsError(try convergence().wait(for: [worker], timeout: .seconds(10))) {
            XCTAssertEqual(
                $0 as? ClusterError,
                .converge(app: "shop", process: "worker", why: "update paused due to failure or early termination of task x"))
        }
    }

    func testThreeFailedTasksOfTheNewDeployFailEvenWhileUpdating() throws {
        engine.on("GET", "/services/svc", SwarmEngine.service("svc", name: "shop_worker", replicas: 1, update: "updating"))
        engine.on(
            "GET", "/tasks",
            SwarmEngine.list(
                SwarmEngine.task("f3", slot: 1, node: "n2", state: "failed", desired: "shutdown", error: "boom 3", exitCode: 3, at: "2026-11-30T04:00:03Z"),
                SwarmEngine.task("f1", slot: 1, node: "n2", state: "failed", desired: "shutdown", error: "boom 1", exitCode: 1, at: "2026-11-30T04:00:01Z"),
                SwarmEngine.task("f2", slot: 1, node: "n-main", state: "rejected", desired: "shutdown", error: "boom 2", at: "2026-11-30T04:00:02Z"),
                SwarmEngine.task("old", slot: 1, node: "n-main", state: "running", deploy: "d1")))
        XCTAssertThrowsError(try convergence().wait(for: [worker], timeout: .seconds(10))) {
            XCTAssertEqual($0 as? ClusterError, .converge(app: "shop", process: "worker", why: "3 task(s) failed: boom 3, exit code 3"))
        }
        XCTAssertEqual(engine.routes.filter { $0 == "GET /services/svc" }.count, 1, "gave up at the first look")
    }

    func testFailuresOfEarlierDeploysDoNotCount() throws {
        engine.on("GET", "/services/svc", SwarmEngine.service("svc", name: "shop_worker", replicas: 1, update: "completed"))
        let earlier = (1...3).map {
            SwarmEngine.task("f\($0)", slot: 1, node: "n2", state: "failed", desired: "shutdown", deploy: "d1", error: "boom")
        }
        engine.on(
            "GET", "/tasks",
            "[" + (earlier + [SwarmEngine.task("new", slot: 1, node: "n2", state: "running")]).joined(separator: ",") + "]")
        try convergence().wait(for: [worker], timeout: .seconds(10))
    }

    /// ps:scale after a failed deploy: the failed tasks Swarm keeps in its history were there
    /// before the scale, and must not fail it.
    func testScaleIgnoresFailuresFromBeforeIt() throws {
        engine.on("GET", "/services/svc", SwarmEngine.service("svc", name: "shop_worker", replicas: 2, update: "completed"))
        let earlier = (1...3).map {
            SwarmEngine.task("f\($0)", slot: 1, node: "n2", state: "failed", desired: "shutdown", deploy: "d1", error: "boom")
        }
        let running = [
            SwarmEngine.task("a", slot: 1, node: "n2", state: "running", deploy: "d1"),
            SwarmEngine.task("b", slot: 2, node: "n-main", state: "running", deploy: "d1"),
        ]
        engine.on("GET", "/tasks", "[" + (earlier + running).joined(separator: ",") + "]")
        var scale = convergence(deploy: nil)
        scale.ignoring = ["f1", "f2", "f3"]
        try scale.wait(for: [SwarmRollout.Change(process: "worker", serviceID: "svc", created: false, replicas: 2)], timeout: .seconds(10))

        let fresh = convergence(deploy: nil)
        XCTAssertThrowsError(
            try fresh.wait(for: [SwarmRollout.Change(process: "worker", serviceID: "svc", created: false, replicas: 2)], timeout: .seconds(10)),
            "failures not known before the change do count")
    }

    func testAVanishedServiceFails() throws {
        XCTAssertThrowsError(try convergence().wait(for: [worker], timeout: .seconds(10))) {
            XCTAssertEqual($0 as? ClusterError, .converge(app: "shop", process: "worker", why: "its service disappeared"))
        }
    }

    func testWhyNamesTheLatestFailure() {
        let failed = [
            SwarmTask(id: "a", serviceID: "s", nodeID: "n", slot: 1, desiredState: "shutdown", state: "failed", error: "late", exitCode: 2, timestamp: "2026-11-30T04:00:09Z"),
            SwarmTask(id: "b", serviceID: "s", nodeID: "n", slot: 1, desiredState: "shutdown", state: "failed", error: "early", timestamp: "2026-11-30T04:00:01Z"),
        ]
        XCTAssertEqual(SwarmConvergence.why(failed), "2 task(s) failed: late, exit code 2")
        XCTAssertEqual(SwarmConvergence.why([]), "0 task(s) failed")
    }
}
