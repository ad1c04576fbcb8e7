import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 13: an upgrade outlives the session that asked for it, and one whose helper dies is
/// rolled back by the next paas command before that command does anything.
final class UpgradeInterruptTests: XCTestCase {
    override func setUp() { continueAfterFailure = false }

    func testHelperKilledBetweenStepsThreeAndFourIsRolledBackByTheNextCommand() throws {
        let fixture = try UpgradeFixture("upkill")
        defer { fixture.cleanup() }
        let paas = fixture.paas
        let app = try fixture.deployApp("steady\n")
        let before = fixture.hostBinaries()
        let bundle = try fixture.bundle("0.2.0", migrations: ["0001-note.sql": UpgradeTests.migration])

        let started = try fixture.upgrade(bundle, wait: false, environment: ["PAAS_UPGRADE_HOLD_AFTER_STEP": "3"])
        XCTAssertTrue(started.succeeded, started.summary)
        let id = started.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(
            waitUntil(timeout: .seconds(120)) {
                let steps = fixture.status()?["steps"] as? [[String: Any]] ?? []
                return steps.contains { $0["number"] as? Int == 3 && $0["state"] as? String == "done" }
            }, "step 3 never finished: \(fixture.status() ?? [:])")
        XCTAssertNotEqual(fixture.hostBinaries(), before, "step 3 installed the new binaries")
        // The global lock: changes and deploys are refused while the upgrade runs.
        let refused = try paas.paas(["config:set", app, "DURING=1"])
        XCTAssertFalse(refused.succeeded)
        XCTAssertTrue(refused.stderrText.contains("paas is upgrading to 0.2.0 (\(id))"), refused.summary)
        let push = try paas.push(try Apps.staticPage("during\n"), app: app, force: true)
        XCTAssertFalse(push.succeeded)
        XCTAssertTrue(push.stderrText.contains("upgrading to 0.2.0"), push.summary)
        let helper = try XCTUnwrap(try fixture.helpers().first { $0.labels["paas.upgrade"] == id })
        try paas.docker.killContainer(helper.id)
        XCTAssertTrue(waitUntil(timeout: .seconds(20)) { (try? paas.docker.inspectContainer(helper.id)) == nil })
        XCTAssertEqual(fixture.state, "running", "the killed helper left the upgrade unfinished")
        XCTAssertEqual(try paas.get(app: app).body, "steady\n")

        // The next command, whatever it is, completes the rollback first and says so.
        let next = try paas.paas(["apps:list"])
        XCTAssertTrue(next.succeeded, next.summary)
        XCTAssertTrue(
            next.stderrText.contains("was interrupted at step 3 (install); completing its rollback to 0.1.0 first"),
            next.summary)
        XCTAssertTrue(next.stderrText.contains("rolled back: paas 0.1.0 is in place"), next.summary)
        XCTAssertTrue(next.stdoutText.contains(app), next.summary)
        XCTAssertEqual(fixture.state, "rolledBack")
        XCTAssertEqual(fixture.status()?["interrupted"] as? Bool, true)
        XCTAssertEqual(fixture.hostBinaries(), before)
        XCTAssertEqual(try fixture.installedVersion(), "paas 0.1.0 (schema \(UpgradeFixture.schema))")
        XCTAssertEqual(try paas.get(app: app).body, "steady\n")
        XCTAssertTrue(try paas.paas(["config:set", app, "AFTER=1"]).succeeded)
    }

    func testUpgradeOverSSHGoesOnWhenTheSessionIsKilled() throws {
        let fixture = try UpgradeFixture("upssh")
        defer { fixture.cleanup() }
        let paas = fixture.paas
        let app = try fixture.deployApp("steady\n")
        let bundle = try fixture.bundle("0.2.0")

        // ssh paas@host upgrade --wait < BUNDLE, killed once the helper has started.
        let words = ["ssh"] + paas.sshd.sshOptions() + ["root@127.0.0.1", "--", "upgrade", "--wait"]
        let line =
            "exec " + words.map(PaasHarness.shellQuote).joined(separator: " ") + " < " + PaasHarness.shellQuote(bundle)
        let session = try BackgroundProcess("/bin/sh", ["-c", line], logFile: fixture.work.file("ssh.log"))
        XCTAssertTrue(
            waitUntil(timeout: .seconds(120)) { fixture.state == "running" || fixture.state == "succeeded" },
            "the upgrade never started: \(session.log)")
        kill(session.pid, SIGKILL)
        session.stop()

        XCTAssertTrue(
            waitUntil(timeout: .seconds(180)) {
                fixture.status().map {
                    ["succeeded", "rolledBack", "rollbackFailed"].contains($0["state"] as? String ?? "")
                } ?? false
            })
        XCTAssertEqual(fixture.state, "succeeded", "\(fixture.status() ?? [:])")
        XCTAssertEqual(try paas.ssh(["version"]).stdoutText, "paas 0.2.0 (schema \(UpgradeFixture.schema))\n")
        XCTAssertEqual(try paas.get(app: app).body, "steady\n")
        let status = try paas.ssh(["upgrade:status"])
        XCTAssertTrue(status.stdoutText.contains("paas 0.2.0 is installed"), status.summary)
        let inside = try paas.ssh(["upgrade:run", "u20261130-000000-0000"])
        XCTAssertFalse(inside.succeeded)
        XCTAssertTrue(
            inside.stderrText.contains("tester may not upgrade:run (role admin): it is for root on the host only"),
            inside.summary)
    }
}
