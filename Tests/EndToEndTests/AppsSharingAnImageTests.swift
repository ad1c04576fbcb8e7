import DockerEngine
import Foundation
import PaasTestSupport
import XCTest

/// Issue 9 item 5, end to end: apps pushed from one commit share one image id (Docker's build
/// cache); destroying one removes only its own tags, and the others keep serving and rolling back.
final class AppsSharingAnImageTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws {
        paas = try PaasHarness("share")
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    func testDestroyingOneAppLeavesTheOthersServingAndAbleToRollBack() throws {
        let staging = paas.id.value + "-staging"
        let canary = paas.id.value + "-canary"
        let production = paas.id.value + "-production"
        let repo = try Apps.staticPage("release one\n")
        for app in [staging, canary, production] {
            let push = try paas.push(repo, app: app)
            XCTAssertTrue(push.succeeded, "\(app): \(push.summary)")
        }
        let ids = try [staging, canary, production].map { app in
            try XCTUnwrap(try paas.docker.inspectImage("paas/\(app):v1"), "paas/\(app):v1").id
        }
        XCTAssertEqual(Set(ids).count, 1, "one commit, one image id: \(ids)")

        try Apps.writeStaticPage(repo, "release two\n")
        try repo.commit("two")
        XCTAssertTrue(try paas.push(repo, app: production).succeeded)
        XCTAssertEqual(try paas.waitFor(app: production, body: "release two\n").body, "release two\n")

        // canary still runs the shared image: deleting it by id would be refused (409).
        try assertDestroyed(staging)
        XCTAssertEqual(try paas.get(app: canary).body, "release one\n")
        XCTAssertEqual(try paas.get(app: production).body, "release two\n")

        // No container runs the shared image now; production's v1 still names it.
        try assertDestroyed(canary)
        XCTAssertEqual(try paas.docker.inspectImage("paas/\(production):v1")?.id, ids[0])
        XCTAssertEqual(try paas.get(app: production).body, "release two\n")

        let rollback = try paas.ssh(["rollback", production, "v1"])
        XCTAssertTrue(rollback.succeeded, rollback.summary)
        XCTAssertEqual(try paas.waitFor(app: production, body: "release one\n").body, "release one\n")
        let web = try paas.containers(app: production, process: "web")
        XCTAssertEqual(web.map(\.image), ["paas/\(production):v1"])
    }

    /// Destroys `app` and checks that nothing of it is left and nothing went wrong on the way.
    private func assertDestroyed(_ app: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let destroy = try paas.ssh(["apps:destroy", app, "--force"])
        XCTAssertTrue(destroy.succeeded, destroy.summary, file: file, line: line)
        XCTAssertFalse(destroy.stderrText.contains(" !"), destroy.stderrText, file: file, line: line)
        XCTAssertEqual(try paas.containers(app: app).count, 0, file: file, line: line)
        XCTAssertEqual(try paas.images(app: app).count, 0, "\(app)'s tags are gone", file: file, line: line)
        XCTAssertFalse(paas.repositoryExists(app: app), file: file, line: line)
        let list = try paas.ssh(["apps:list"])
        XCTAssertFalse(list.stdoutText.contains(app), list.stdoutText, file: file, line: line)
    }
}
