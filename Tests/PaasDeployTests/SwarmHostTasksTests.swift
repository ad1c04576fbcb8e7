import DockerEngine
import Foundation
import PaasStore
import XCTest

@testable import PaasDeploy

/// The swarm's tasks that this host runs as a node are listed by its Engine like any container
/// of the app: they are Swarm's, so no deploy retires them, the reconciler does not remove them
/// as orphans, and the proxy reaches them as tasks (their node's address), not as containers
/// of this host.
final class SwarmHostTasksTests: XCTestCase {
    private var engine: SwarmEngine!
    private var proxy: RecordingProxy!
    private var t: TestPlatform!
    private var listener: LoopbackListener!

    override func setUpWithError() throws {
        engine = SwarmEngine()
        proxy = RecordingProxy()
        t = try TestPlatform(transport: engine, proxy: proxy)
        listener = try LoopbackListener()
        let store = try t.platform.store
        _ = try store.createApp("shop")
        try AppSettings.write(Settings.schedulerSelected, "docker-swarm", app: "shop", store: store)
        var draft = ReleaseDraft(app: "shop", image: "paas/shop:v2")
        draft.deployID = "d2"
        let release = try store.recordRelease(draft, config: nil)
        try store.setLive("shop", version: release.version)
        try store.setSetting(Store.globalSettings, "swarm.address", "127.0.0.1")
        engine.on("GET", "/info", SwarmEngine.managerInfo)
        engine.on("GET", "/nodes", SwarmEngine.list(SwarmEngine.node("n-main", address: "127.0.0.1", manager: true)))
        engine.on("GET", "/services", "[]")
        // Task "a" of the live deploy and task "old" of the one before (still stopping), both
        // on this host, whose Engine lists their containers with the app's labels.
        engine.on(
            "GET", "/tasks", SwarmEngine.list(SwarmEngine.task("a", slot: 1, node: "n-main", state: "running", port: Int(listener.port))))
        engine.on(
            "GET", "/containers/json",
            "[" + [Self.taskContainer("c-a", task: "a", deploy: "d2", port: Int(listener.port)), Self.taskContainer("c-old", task: "old", deploy: "d1", port: 30001)]
                .joined(separator: ",") + "]")
    }

    override func tearDown() {
        listener.close()
        t.remove()
    }

    /// A container Swarm made for `task` of shop's web service, as `GET /containers/json` lists it.
    static func taskContainer(_ id: String, task: String, deploy: String, port: Int) -> String {
        #"""
        {"Id":"\#(id)","Names":["/shop_web.1.\#(task)"],"Image":"reg/paas/shop@sha256:1","State":"running","Status":"Up 5 seconds",
         "Labels":{"paas.app":"shop","paas.role":"app","paas.process":"web","paas.port":"5000","paas.deploy":"\#(deploy)",
          "com.docker.swarm.service.name":"shop_web","com.docker.swarm.task.id":"\#(task)"},
         "Ports":[{"IP":"0.0.0.0","PrivatePort":5000,"PublicPort":\#(port),"Type":"tcp"}]}
        """#
    }

    private var containerChanges: [String] {
        engine.routes.filter { $0.hasPrefix("DELETE /containers") || ($0.hasPrefix("POST /containers") && !$0.hasSuffix("/json")) }
    }

    func testTheReconcilerLeavesThisHostsTasksToSwarmAndRoutesThemAsTasks() throws {
        let removed = try Reconciler(platform: t.platform).reconcile(app: "shop")
        XCTAssertEqual(removed, [], "a task of an earlier deploy is Swarm's to stop, not an orphan")
        XCTAssertEqual(containerChanges, [])
        XCTAssertEqual(
            proxy.updates.last?.upstreams, [Upstream(host: "127.0.0.1", port: Int(listener.port), process: "web", number: 1)],
            "the task once, by its node's address and slot; not again as a container of this host")
    }

    func testARolloutNeitherRoutesNorRetiresThisHostsTasksAsItsOwnContainers() throws {
        let rollout = SwarmRollout(platform: t.platform, checks: CheckSettings())
        XCTAssertEqual(try rollout.localContainers(app: "shop", all: true).map(\.id), [])
        try rollout.removeLeftovers(app: "shop", formation: ["web": 1])
        XCTAssertEqual(containerChanges, [], "the serving task on this host is not stopped after the rollout")
    }
}
