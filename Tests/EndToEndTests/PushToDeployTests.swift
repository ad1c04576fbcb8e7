import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// Issue 2, end to end: `git push` over a real sshd into paas, built by the Docker Engine,
/// served through a real nginx.
final class PushToDeployTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws {
        paas = try PaasHarness("push")
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private var app: String { paas.id.value }

    private func runningWeb(_ app: String) throws -> [ContainerSummary] {
        try paas.containers(app: app, process: "web").filter { $0.state == "running" }
    }

    func testPushServesUpdatesAndKeepsServingWhenABuildFails() throws {
        let repo = try Apps.staticPage("version one\n")
        let first = try paas.push(repo, app: app)
        XCTAssertTrue(first.succeeded, first.summary)
        XCTAssertTrue(first.stderrText.contains("Step") || first.stderrText.contains("FROM"), "build output reaches the pusher: \(first.stderrText)")
        XCTAssertEqual(try paas.waitFor(app: app, body: "version one\n").body, "version one\n", paas.proxy.errorLog)
        XCTAssertEqual(try runningWeb(app).count, 1)
        XCTAssertEqual(try paas.containers(app: app).count, 1, "nothing but the one web container")

        try Apps.writeStaticPage(repo, "version two\n")
        try repo.commit("two")
        let second = try paas.push(repo, app: app)
        XCTAssertTrue(second.succeeded, second.summary)
        XCTAssertEqual(try paas.waitFor(app: app, body: "version two\n").body, "version two\n")
        XCTAssertEqual(try runningWeb(app).count, 1)
        XCTAssertEqual(try paas.containers(app: app).count, 1, "the previous container is removed")
        let live = try XCTUnwrap(try paas.containers(app: app).first?.labels["paas.release"])

        try repo.write("Dockerfile", "FROM paas/busybox:latest\nRUN exit 1\n")
        try repo.commit("broken")
        let broken = try paas.push(repo, app: app)
        XCTAssertFalse(broken.succeeded, broken.summary)
        XCTAssertTrue(broken.stderrText.contains("pre-receive hook declined"), broken.stderrText)
        XCTAssertEqual(try paas.get(app: app).body, "version two\n", "the old version keeps serving")
        let left = try paas.containers(app: app)
        XCTAssertEqual(left.count, 1, "no container of the failed release: \(left.map(\.names))")
        XCTAssertEqual(left.first?.labels["paas.release"], live)
        XCTAssertFalse(try paas.images(app: app).contains { $0.repoTags.contains("paas/\(app):v3") })
    }

    func testUnknownKeyIsRefused() throws {
        let stranger = try paas.sshd.makeKey("stranger")
        let result = try paas.ssh(["apps:list"], key: stranger)
        XCTAssertEqual(result.status, .exited(255), result.summary)

        let repo = try Apps.staticPage("x\n")
        let push = try paas.push(repo, app: app, key: stranger)
        XCTAssertFalse(push.succeeded)
        XCTAssertFalse(paas.repositoryExists(app: app))
    }

    func testNoShellIsGiven() throws {
        let marker = paas.root.file("shell-ran")
        let none = try paas.sshRaw([])
        XCTAssertFalse(none.succeeded, none.summary)
        XCTAssertTrue(none.stderrText.contains("no shell"), none.stderrText)

        let bash = try paas.sshRaw(["bash"])
        XCTAssertFalse(bash.succeeded, bash.summary)
        XCTAssertFalse(bash.stderrText.isEmpty)

        let command = try paas.sshRaw(["bash", "-c", "'touch \(marker)'"])
        XCTAssertFalse(command.succeeded, command.summary)
        let sh = try paas.sshRaw(["touch \(marker); echo ran"])
        XCTAssertFalse(sh.stdoutText.contains("ran"), sh.summary)
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "a command given over ssh ran in a shell")
    }

    func testPushWithoutDockerfileIsRejectedWhenTheAppBuildsFromOne() throws {
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        let selected = try paas.ssh(["builder:set", app, "selected", "dockerfile"])
        XCTAssertTrue(selected.succeeded, selected.summary)
        let repo = try GitFixture()
        try repo.write("README", "no Dockerfile here\n")
        try repo.commit()
        let result = try paas.push(repo, app: app)
        XCTAssertFalse(result.succeeded, result.summary)
        XCTAssertTrue(result.stderrText.contains("Dockerfile"), result.stderrText)
        XCTAssertTrue(try paas.containers(app: app).isEmpty)
    }

    func testBadAppNamesAreRefusedBeforeAnythingIsMade() throws {
        let repo = try Apps.staticPage("x\n")
        for name in ["../etc", "A", "a b", String(repeating: "a", count: 64)] {
            let result = try paas.push(repo, app: name)
            XCTAssertFalse(result.succeeded, "\(name): \(result.summary)")
            XCTAssertTrue(result.stderrText.contains("app name") || result.stderrText.contains("invalid"), "\(name): \(result.stderrText)")
        }
        let repos = (try? FileManager.default.contentsOfDirectory(atPath: paas.root.file("repos"))) ?? []
        XCTAssertEqual(repos, [], "no repository made for a bad name")
        XCTAssertFalse(FileManager.default.fileExists(atPath: paas.root.file("etc.git")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: (paas.root.path as NSString).deletingLastPathComponent + "/etc.git"))
        let apps = try paas.paas(["apps:list", "--format", "json"])
        XCTAssertTrue(apps.succeeded, apps.summary)
        XCTAssertFalse(apps.stdoutText.contains("etc"), apps.stdoutText)
    }

    func testOtherBranchesAreNotDeployedAndMainCannotBeDeleted() throws {
        let repo = try Apps.staticPage("main page\n")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        XCTAssertEqual(try paas.waitFor(app: app, body: "main page\n").body, "main page\n")
        let container = try runningWeb(app).first?.id

        try repo.git(["checkout", "-q", "-b", "feature"])
        try Apps.writeStaticPage(repo, "feature page\n")
        try repo.commit("feature")
        let feature = try paas.push(repo, app: app, ref: "feature")
        XCTAssertTrue(feature.succeeded, feature.summary)
        XCTAssertTrue(feature.stderrText.contains("not deployed"), feature.stderrText)
        XCTAssertEqual(try paas.get(app: app).body, "main page\n")
        XCTAssertEqual(try runningWeb(app).map(\.id), [container].compactMap { $0 })

        let delete = try paas.push(repo, app: app, ref: ":main")
        XCTAssertFalse(delete.succeeded, delete.summary)
        XCTAssertTrue(delete.stderrText.contains("main"), delete.stderrText)
        XCTAssertEqual(try paas.get(app: app).body, "main page\n")
        let head = try Run.command("git", ["--git-dir", paas.root.file("repos/\(app).git"), "rev-parse", "--verify", "main"])
        XCTAssertTrue(head.succeeded, "main still exists in the app's repository")
    }

    func testDestroyRemovesContainersImagesAndRepository() throws {
        let repo = try Apps.staticPage("to be destroyed\n")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        XCTAssertFalse(try paas.containers(app: app).isEmpty)
        XCTAssertFalse(try paas.images(app: app).isEmpty)

        let refused = try paas.ssh(["apps:destroy", app])
        XCTAssertFalse(refused.succeeded, "destroy without --force must ask: \(refused.summary)")
        XCTAssertFalse(try paas.containers(app: app).isEmpty)

        let destroyed = try paas.ssh(["apps:destroy", app, "--force"])
        XCTAssertTrue(destroyed.succeeded, destroyed.summary)
        XCTAssertEqual(try paas.containers(app: app).count, 0)
        XCTAssertEqual(try paas.images(app: app).count, 0)
        XCTAssertFalse(paas.repositoryExists(app: app))
        XCTAssertNotEqual(try paas.get(app: app).status, 200)
        let list = try paas.ssh(["apps:list", "--format", "json"])
        XCTAssertFalse(list.stdoutText.contains(app), list.stdoutText)
    }
}

/// Issue 2: a push while the Docker daemon cannot be reached.
final class DockerDownTests: XCTestCase {
    func testPushIsRejectedWithAClearMessageAndNothingIsMade() throws {
        let paas = try PaasHarness("nodocker")
        defer { paas.cleanup() }
        let app = paas.id.value
        let repo = try Apps.staticPage("never served\n")
        let settingsPath = paas.root.file("settings.json")
        var settings = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: settingsPath))) as? [String: Any])
        settings["dockerSocket"] = paas.root.file("no-docker.sock")
        try JSONSerialization.data(withJSONObject: settings).write(to: URL(fileURLWithPath: settingsPath))

        let result = try paas.push(repo, app: app)
        XCTAssertFalse(result.succeeded, result.summary)
        XCTAssertTrue(result.stderrText.contains("cannot reach the Docker daemon"), result.stderrText)
        XCTAssertTrue(result.stderrText.contains("pre-receive hook declined"), result.stderrText)
        XCTAssertTrue(try paas.containers(app: app).isEmpty)
        XCTAssertTrue(try paas.images(app: app).isEmpty)
        let releases = try paas.paas(["releases", app, "--format", "json"])
        let list = try JSONSerialization.jsonObject(with: Data(releases.stdout)) as? [Any]
        XCTAssertEqual(list?.count, 0, "no release was made: \(releases.summary)")
    }
}
