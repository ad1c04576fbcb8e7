import DockerEngine
import Foundation
import PaasTestSupport
import XCTest

/// Issue 5, restarts: after Docker restarts a container (as after a daemon or host restart) it
/// may listen on another host port; `ps:restore` points nginx at what really runs, and an app
/// stopped with `ps:stop` stays stopped.
final class RestoreTests: XCTestCase {
    func testRestoreResyncsTheProxyAndKeepsStoppedAppsStopped() throws {
        let paas = try PaasHarness("restore")
        defer { paas.cleanup() }
        let app = paas.id.value
        let repo = try Apps.staticPage("restored\n")
        let pushed = try paas.push(repo, app: app)
        XCTAssertTrue(pushed.succeeded, pushed.summary)
        let web = try XCTUnwrap(try paas.containers(app: app, process: "web").first)

        // What a daemon restart does to the container: stopped, then started by its restart policy.
        try paas.docker.stopContainer(web.id, timeout: 5)
        try paas.docker.startContainer(web.id)
        let address = try XCTUnwrap(try paas.docker.inspectContainer(web.id)?.addresses["paas-app-\(app)"])

        let restored = try paas.paas(["ps:restore"])
        XCTAssertTrue(restored.succeeded, restored.summary)
        XCTAssertEqual(paas.upstreams(app: app), [address + ":5000"], paas.proxyConfig(app: app) ?? "no config")
        XCTAssertEqual(try paas.waitFor(app: app, body: "restored\n").body, "restored\n")

        XCTAssertTrue(try paas.ssh(["ps:stop", app]).succeeded)
        XCTAssertTrue(try paas.paas(["ps:restore"]).succeeded)
        XCTAssertTrue(try paas.containers(app: app).allSatisfy { $0.state != "running" }, "a stopped app stays stopped")
        XCTAssertEqual(try paas.get(app: app).status, 503)
        let info = try paas.ssh(["apps:list", "--format", "json"])
        XCTAssertTrue(info.stdoutText.contains("\"stopped\""), info.summary)

        XCTAssertTrue(try paas.ssh(["ps:start", app]).succeeded)
        XCTAssertEqual(try paas.waitFor(app: app, body: "restored\n").body, "restored\n")
    }
}
