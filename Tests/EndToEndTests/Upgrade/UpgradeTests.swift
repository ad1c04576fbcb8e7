import Foundation
import PaasTestSupport
import XCTest

/// Issue 13: paas upgrades itself from a release bundle in a detached helper container; apps
/// keep serving; `upgrade:rollback` goes back with the same steps.
final class UpgradeTests: XCTestCase {
    override func setUp() { continueAfterFailure = false }

    static let migration = "CREATE TABLE upgradeNote (id INTEGER PRIMARY KEY, text TEXT NOT NULL);\n"

    func testUpgradeInstallsTheNewVersionWhileAppsKeepServingThenRollsBack() throws {
        let fixture = try UpgradeFixture("upgrade")
        defer { fixture.cleanup() }
        let paas = fixture.paas
        XCTAssertEqual(try fixture.installedVersion(), "paas 0.1.0 (schema \(UpgradeFixture.schema))")
        let app = try fixture.deployApp("before the upgrade\n")
        let bundle = try fixture.bundle("0.2.0", migrations: ["0001-upgrade-note.sql": Self.migration])

        let traffic = TrafficWatch(paas, app: app, body: "before the upgrade\n")
        let upgraded = try fixture.upgrade(bundle)
        let load = traffic.stop()
        XCTAssertTrue(upgraded.succeeded, upgraded.summary)
        XCTAssertEqual(load.failed, 0, "requests failed during the upgrade: \(load.examples)")
        XCTAssertGreaterThan(load.sent, 10)
        for step in [
            "[1/7] lock", "[2/7] snapshot", "[3/7] install", "[4/7] migrate", "[5/7] re-sync", "[6/7] verify",
            "[7/7] finish",
        ] {
            XCTAssertTrue(upgraded.stderrText.contains(step), "\(step) missing from: \(upgraded.stderrText)")
        }

        XCTAssertEqual(try fixture.installedVersion(), "paas 0.2.0 (schema \(UpgradeFixture.schema + 1))")
        XCTAssertEqual(try paas.ssh(["version"]).stdoutText, "paas 0.2.0 (schema \(UpgradeFixture.schema + 1))\n", "ssh runs the new binary too")
        XCTAssertEqual(try fixture.appliedSQLMigrations(), ["0001-upgrade-note.sql"])
        XCTAssertEqual(fixture.state, "succeeded")
        let steps = try XCTUnwrap(fixture.status()?["steps"] as? [[String: Any]])
        XCTAssertEqual(steps.map { $0["state"] as? String }, Array(repeating: "done", count: 7))
        XCTAssertTrue(steps.allSatisfy { ($0["message"] as? String)?.isEmpty == false && $0["time"] != nil })
        let status = try paas.paas(["upgrade:status", "--format", "json"])
        XCTAssertTrue(status.stdoutText.contains("\"succeeded\""), status.summary)
        let log = try paas.paas(["upgrade:log"])
        XCTAssertTrue(log.stdoutText.contains("$ paas ps:reconcile"), log.summary)
        XCTAssertTrue(
            waitUntil(timeout: .seconds(10)) { (try? fixture.helpers().isEmpty) == true }, "the helper is removed")
        XCTAssertEqual(try paas.get(app: app).body, "before the upgrade\n")

        // Back to 0.1.0: its own database comes back (its schema knows no upgradeNote).
        let traffic2 = TrafficWatch(paas, app: app, body: "before the upgrade\n")
        let back = try paas.paas(["upgrade:rollback", "--wait"])
        let load2 = traffic2.stop()
        XCTAssertTrue(back.succeeded, back.summary)
        XCTAssertEqual(load2.failed, 0, "requests failed during upgrade:rollback: \(load2.examples)")
        XCTAssertEqual(try fixture.installedVersion(), "paas 0.1.0 (schema \(UpgradeFixture.schema))")
        XCTAssertEqual(try fixture.appliedSQLMigrations(), [])
        let rolledBack = try paas.paas(["upgrade:status"])
        XCTAssertTrue(rolledBack.stdoutText.contains("rollback"), rolledBack.summary)

        // Deploys work again after each; a rollback past a migration that would lose them is refused.
        XCTAssertTrue(try fixture.upgrade(bundle).succeeded)
        let repo = try Apps.staticPage("after the upgrade\n")
        XCTAssertTrue(try paas.push(repo, app: app, force: true).succeeded)
        try paas.waitFor(app: app, body: "after the upgrade\n")
        let refused = try paas.paas(["upgrade:rollback", "--wait"])
        XCTAssertFalse(refused.succeeded)
        XCTAssertTrue(refused.stderrText.contains("the database changed since the upgrade"), refused.summary)
        XCTAssertTrue(refused.stderrText.contains("--discard-changes"), refused.summary)
        XCTAssertEqual(try fixture.installedVersion(), "paas 0.2.0 (schema \(UpgradeFixture.schema + 1))")
        XCTAssertEqual(try paas.get(app: app).body, "after the upgrade\n")
    }

    func testDowngradeIsRefused() throws {
        let fixture = try UpgradeFixture("downgrade")
        defer { fixture.cleanup() }
        let before = fixture.hostBinaries()
        let older = try fixture.bundle("0.0.9")
        let refused = try fixture.upgrade(older)
        XCTAssertFalse(refused.succeeded)
        XCTAssertTrue(
            refused.stderrText.contains("0.0.9 is older than the installed 0.1.0: a downgrade needs --allow-downgrade"),
            refused.summary)
        XCTAssertEqual(fixture.hostBinaries(), before)
        XCTAssertNil(fixture.status(), "nothing was started")
        XCTAssertEqual(try fixture.installedVersion(), "paas 0.1.0 (schema \(UpgradeFixture.schema))")

        let same = try fixture.upgrade(try fixture.bundle("0.1.0"))
        XCTAssertFalse(same.succeeded)
        XCTAssertTrue(same.stderrText.contains("paas 0.1.0 is installed already"), same.summary)
    }
}
