import DockerEngine
import Foundation
import PaasStore
import PaasSupport
import XCTest

@testable import PaasDeploy

/// What the swarm supervisor re-routes on each look: live, running swarm apps no command holds.
final class SwarmSupervisorTests: XCTestCase {
    private var engine: SwarmEngine!
    private var proxy: RecordingProxy!
    private var t: TestPlatform!
    private var listener: LoopbackListener!

    override func setUpWithError() throws {
        engine = SwarmEngine()
        proxy = RecordingProxy()
        t = try TestPlatform(transport: engine, proxy: proxy)
        listener = try LoopbackListener()
        try t.platform.root.prepare()
        let store = try t.platform.store
        for app in ["shop", "local", "stopped", "fresh"] {
            _ = try store.createApp(app)
            if app != "local" { try AppSettings.write(Settings.schedulerSelected, "docker-swarm", app: app, store: store) }
            if app != "fresh" {
                let release = try store.recordRelease(ReleaseDraft(app: app, image: "paas/\(app):v1"), config: nil)
                try store.setLive(app, version: release.version)
            }
        }
        try AppSettings.write(Settings.psStopped, true, app: "stopped", store: store)
        engine.on("GET", "/nodes", SwarmEngine.list(SwarmEngine.node("n-main", address: "127.0.0.1", manager: true)))
        engine.on("GET", "/tasks", SwarmEngine.list(SwarmEngine.task("a", slot: 1, node: "n-main", state: "running", port: Int(listener.port))))
    }

    override func tearDown() {
        listener.close()
        t.remove()
    }

    func testNothingHappensBeforeTheFirstNode() throws {
        var routed: [String: [Upstream]] = [:]
        try SwarmSupervisor(platform: t.platform).follow(&routed)
        XCTAssertEqual(engine.routes, [])
        XCTAssertTrue(proxy.updates.isEmpty)
    }

    func testOnlyLiveRunningUnlockedSwarmAppsAreRoutedAndOnlyOnChange() throws {
        try t.platform.store.setSetting(Store.globalSettings, "swarm.address", "127.0.0.1")
        let supervisor = SwarmSupervisor(platform: t.platform)
        var routed: [String: [Upstream]] = [:]
        try supervisor.follow(&routed)
        let expected = [Upstream(host: "127.0.0.1", port: Int(listener.port), number: 1)]
        XCTAssertEqual(proxy.updates.map(\.app), ["shop"], "not local, stopped or never deployed apps")
        XCTAssertEqual(routed, ["shop": expected])

        try supervisor.follow(&routed)
        XCTAssertEqual(proxy.updates.count, 1, "unchanged: the proxy is left alone")

        let lock = try AppLock.acquire(root: t.platform.root, app: "shop", holder: "git push", wait: .seconds(1))
        try supervisor.follow(&routed)
        XCTAssertEqual(routed["shop"], expected, "a command holds it: that command routes it; what was routed is kept")
        XCTAssertEqual(proxy.updates.count, 1)
        lock.release()

        try supervisor.follow(&routed)
        XCTAssertEqual(proxy.updates.count, 1, "after the command, tasks still serving are not routed again")
        routed["shop"] = []
        try supervisor.follow(&routed)
        XCTAssertEqual(proxy.updates.count, 2, "a change is routed")
        XCTAssertEqual(routed["shop"], expected)
    }
}
