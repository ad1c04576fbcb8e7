import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// Issue 5, end to end: the start-first switch under load, failing health checks, stop-first,
/// and the per-app lock, over real ssh, git, Docker and nginx.
final class RolloutTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws {
        paas = try PaasHarness("roll")
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private var app: String { paas.id.value }

    private func releases() throws -> [[String: Any]] {
        let result = try paas.ssh(["releases", "--format", "json", "-n", "100", app])
        guard result.succeeded else { throw TestSupportError("releases failed: \(result.summary)") }
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout)) as? [[String: Any]])
    }

    func testStartFirstSwitchServesOnlySuccessesAndLeavesTheFormation() throws {
        let repo = try RolloutApps.make("version-1")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        XCTAssertTrue(try paas.ssh(["ps:scale", app, "web=2"]).succeeded)
        XCTAssertEqual(try paas.waitFor(app: app, body: "version-1\n").status, 200)

        let load = try LoadLoop(paas, app: app, rate: 100, seconds: 120)
        defer { _ = try? load.stop() }
        Thread.sleep(forTimeInterval: 1)
        try RolloutApps.write(repo, version: "version-2")
        try repo.commit("two")
        let push = try paas.push(repo, app: app)
        XCTAssertTrue(push.succeeded, push.summary)
        Thread.sleep(forTimeInterval: 1)
        let records = try load.stop()

        XCTAssertGreaterThan(records.count, 100, load.summary)
        let failed = records.filter { !$0.ok }
        XCTAssertEqual(failed.count, 0, "failed requests during the switch: \(failed.prefix(5))")
        XCTAssertEqual(Set(records.map(\.body)), ["version-1", "version-2"])
        XCTAssertEqual(records.first?.body, "version-1")
        XCTAssertEqual(records.last?.body, "version-2")
        // Once the switch has returned (nginx's old workers are gone), only v2 answers.
        let lastOld = try XCTUnwrap(records.lastIndex { $0.body == "version-1" })
        XCTAssertTrue(records[(lastOld + 1)...].allSatisfy { $0.body == "version-2" })

        let left = try paas.containers(app: app)
        XCTAssertEqual(left.count, 2, "exactly web=2: \(left.map(\.names))")
        XCTAssertEqual(Set(left.map { $0.labels["paas.release"] ?? "" }).count, 1)
        XCTAssertTrue(left.allSatisfy { $0.state == "running" && $0.labels["paas.process"] == "web" })
        XCTAssertEqual(Set(left.compactMap { $0.labels["paas.number"] }), ["1", "2"])
    }

    func testScalingUpRunsTheAppJSONChecksOnTheNewInstances() throws {
        // Only web.1 has /health: a second instance must fail the app.json check.
        let repo = try GitFixture()
        try RolloutApps.write(
            repo, version: "only-one", health: false, appJSON: RolloutApps.healthJSON,
            command: #"sh -c 'if [ "$DYNO" = web.1 ]; then echo ok > /www/health; fi; exec httpd -f -p $PORT -h /www'"#)
        try repo.commit("one")
        let first = try paas.push(repo, app: app)
        XCTAssertTrue(first.succeeded, first.summary)

        let scaled = try paas.ssh(["ps:scale", app, "web=2"])
        XCTAssertFalse(scaled.succeeded, scaled.summary)
        XCTAssertTrue(scaled.stderrText.contains("web.2 failed its check (/health)"), scaled.stderrText)
        XCTAssertEqual(try paas.containers(app: app).count, 1, "the failed instance is removed")
        XCTAssertEqual(try paas.ssh(["ps:scale", app, "--format", "json"]).stdoutText.contains("\"web\" : 1"), true)
        XCTAssertEqual(try paas.get(app: app).body, "only-one\n")
    }

    func testFailingHealthCheckRejectsThePushAndKeepsTheOldVersion() throws {
        let repo = try GitFixture()
        try RolloutApps.write(repo, version: "healthy-1", appJSON: RolloutApps.healthJSON)
        try repo.commit("one")
        let first = try paas.push(repo, app: app)
        XCTAssertTrue(first.succeeded, first.summary)
        XCTAssertEqual(try paas.waitFor(app: app, body: "healthy-1\n").status, 200)
        let live = try XCTUnwrap(try paas.containers(app: app).first?.labels["paas.release"])

        try RolloutApps.write(repo, version: "broken-2", health: false, appJSON: RolloutApps.healthJSON)
        try repo.commit("no /health")
        let broken = try paas.push(repo, app: app)
        XCTAssertFalse(broken.succeeded, broken.summary)
        XCTAssertTrue(broken.stderrText.contains("pre-receive hook declined"), broken.stderrText)
        XCTAssertTrue(broken.stderrText.contains("web.1 failed its check (/health)"), broken.stderrText)
        XCTAssertTrue(broken.stderrText.contains("expected HTTP 2xx/3xx from /health"), broken.stderrText)
        XCTAssertTrue(broken.stderrText.contains("got HTTP 404 after 2 attempt(s)"), broken.stderrText)

        XCTAssertEqual(try paas.get(app: app).body, "healthy-1\n", "the old version keeps serving")
        let left = try paas.containers(app: app)
        XCTAssertEqual(left.count, 1, "no container of the failed release: \(left.map(\.names))")
        XCTAssertEqual(left.first?.labels["paas.release"], live)
        XCTAssertEqual(try releases().count, 1, "no release recorded for the failed deploy")
    }

    func testStopFirstDeployLeavesOneWebContainer() throws {
        let repo = try RolloutApps.make("stop-first-1")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        let disable = try paas.ssh(["checks:disable", app, "web"])
        XCTAssertTrue(disable.succeeded, disable.summary)
        let report = try paas.ssh(["checks:report", "--format", "json", app])
        XCTAssertTrue(report.stdoutText.contains(#""disabled":"web""#) || report.stdoutText.contains(#""disabled" : "web""#), report.stdoutText)

        try RolloutApps.write(repo, version: "stop-first-2")
        try repo.commit("two")
        let push = try paas.push(repo, app: app)
        XCTAssertTrue(push.succeeded, push.summary)
        XCTAssertTrue(push.stderrText.contains("Stopping web first"), push.stderrText)
        XCTAssertEqual(try paas.waitFor(app: app, body: "stop-first-2\n").status, 200)
        let left = try paas.containers(app: app)
        XCTAssertEqual(left.count, 1, left.map(\.names).description)
        XCTAssertEqual(left.first?.labels["paas.release"], "v2")
        XCTAssertEqual(left.first?.state, "running")
    }

    func testSecondChangeWaitsForTheLockAndSaysForWhom() throws {
        let repo = try RolloutApps.make("locked-1")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        let unlocked = try paas.ssh(["apps:unlock", app])
        XCTAssertTrue(unlocked.succeeded, unlocked.summary)
        XCTAssertTrue(unlocked.stderrText.contains("is not locked"), unlocked.stderrText)

        // A slow deploy: every new container waits 4 s before its first check.
        XCTAssertTrue(try paas.ssh(["checks:set", app, "wait", "4"]).succeeded)
        try RolloutApps.write(repo, version: "locked-2")
        try repo.commit("two")
        let push = try PushProcess(repo, harness: paas, app: app)
        XCTAssertNotNil(push.waitForLine(containing: "Starting"), push.output)
        let held = try paas.ssh(["apps:unlock", app])
        XCTAssertFalse(held.succeeded, "apps:unlock without --force must not break a running deploy")
        XCTAssertTrue(held.stderrText.contains("a push of"), held.summary)

        let config = try paas.ssh(["config:set", app, "AFTER=push"])
        XCTAssertEqual(push.wait(), 0, push.output)
        XCTAssertTrue(config.succeeded, config.summary)
        XCTAssertTrue(config.stderrText.contains("Waiting for \(app): a push of"), config.stderrText)
        XCTAssertTrue(config.stderrText.contains("by \(paas.keyName)"), config.stderrText)

        let versions = try releases().compactMap { $0["version"] as? String }
        XCTAssertEqual(versions, ["v3", "v2", "v1"])
        let newest = try releases().first
        XCTAssertEqual((newest?["configKeys"] as? [String])?.contains("AFTER"), true, "the config change came second")
        XCTAssertEqual(try paas.waitFor(app: app, body: "locked-2\n").status, 200)
        XCTAssertEqual(try paas.containers(app: app).count, 1)
        XCTAssertTrue(try paas.lockIsFree(app))
    }
}
