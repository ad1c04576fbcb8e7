import Foundation
import PaasSupport
import PaasTestSupport
import Synchronization
import XCTest

/// Issue 13, step 1: a deploy that is running when the upgrade starts finishes first; the
/// upgrade waits for it, then goes on.
final class UpgradeLockTests: XCTestCase {
    override func setUp() { continueAfterFailure = false }

    func testARunningDeployFinishesBeforeTheUpgradeGoesOn() throws {
        let fixture = try UpgradeFixture("uplock")
        defer { fixture.cleanup() }
        let paas = fixture.paas
        let app = try fixture.deployApp("steady\n")
        let bundle = try fixture.bundle("0.2.0")

        let slow = try Apps.staticPage("deployed during the upgrade\n")
        try slow.write(
            "Dockerfile",
            """
            FROM paas/busybox:latest
            RUN sleep 8
            COPY www /www
            CMD httpd -f -p $PORT -h /www

            """)
        try slow.commit("a slow build")
        let pushed = Mutex<ProcessResult?>(nil)
        let pushing = Thread {
            let result = try? paas.push(slow, app: app, force: true)
            pushed.withLock { $0 = result }
        }
        pushing.start()
        XCTAssertTrue(
            try waitUntil(timeout: .seconds(60)) {
                try paas.paas(["apps:unlock", app]).stderrText.contains("is locked by")
            }, "the push never took the app's lock")

        let started = try fixture.upgrade(bundle, wait: false)
        XCTAssertTrue(started.succeeded, started.summary)
        XCTAssertTrue(
            waitUntil(timeout: .seconds(120)) { fixture.state == "succeeded" || fixture.state == "rolledBack" },
            "\(fixture.status() ?? [:])")
        let push = try XCTUnwrap(pushed.withLock { $0 }, "the push had not ended when the upgrade did")
        XCTAssertTrue(push.succeeded, push.summary)
        XCTAssertEqual(fixture.state, "succeeded")
        let log = try paas.paas(["upgrade:log"]).stdoutText
        XCTAssertTrue(log.contains("waiting for \(app): a push of"), log)
        XCTAssertEqual(try paas.get(app: app).body, "deployed during the upgrade\n")
        XCTAssertEqual(try fixture.installedVersion(), "paas 0.2.0 (schema \(UpgradeFixture.schema))")
    }
}
