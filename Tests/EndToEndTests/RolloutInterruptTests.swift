import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 5, end to end: Ctrl+C on `git push` at each phase of a deploy, and SIGKILL of the hook
/// mid-rollout. Afterwards exactly the formation's containers exist, the expected version
/// serves and the app's lock is free.
final class RolloutInterruptTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws {
        paas = try PaasHarness("intr")
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private var app: String { paas.id.value }

    /// Deploys v1 and returns its repository.
    private func deployFirst(_ version: String = "first") throws -> GitFixture {
        let repo = try RolloutApps.make(version)
        let push = try paas.push(repo, app: app)
        XCTAssertTrue(push.succeeded, push.summary)
        XCTAssertEqual(try paas.waitFor(app: app, body: version + "\n").status, 200)
        return repo
    }

    /// Waits until the hook has exited, and says how long that took after `since`.
    private func waitForHookExit(since: ContinuousClock.Instant, timeout: Duration = .seconds(60)) -> Duration? {
        let gone = waitUntil(timeout: timeout, every: .milliseconds(20)) {
            RolloutProbe.preReceivePIDs(root: paas.rootPath).isEmpty
        }
        return gone ? ContinuousClock.now - since : nil
    }

    /// After an interrupt that came before the switch: only `live`'s containers, `body` served,
    /// lock free, no image of the interrupted release.
    private func assertUndone(live release: String, body: String, push: PushProcess, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertTrue(paas.waitForContainers(app, count: 1), "left: \((try? paas.containers(app: app).map(\.names)) ?? []); push: \(push.output)", file: file, line: line)
        let left = try paas.containers(app: app)
        XCTAssertEqual(left.map { $0.labels["paas.release"] }, [release], file: file, line: line)
        XCTAssertEqual(try paas.get(app: app).body, body, file: file, line: line)
        XCTAssertTrue(try paas.lockIsFree(app), file: file, line: line)
        XCTAssertFalse(try paas.images(app: app).contains { $0.repoTags.contains("paas/\(app):v2") }, file: file, line: line)
    }

    func testCtrlCDuringBuildUndoesTheDeploy() throws {
        let repo = try deployFirst()
        try RolloutApps.write(repo, version: "second", extraDockerfile: ["RUN sleep 30"])
        try repo.commit("slow build")
        let push = try PushProcess(repo, harness: paas, app: app)
        XCTAssertNotNil(push.waitForLine(containing: "sleep 30"), push.output)
        Thread.sleep(forTimeInterval: 1)
        let interrupted = ContinuousClock.now
        push.interrupt()
        XCTAssertNotNil(push.wait(timeout: .seconds(20)), "git push did not end after SIGINT")
        let took = waitForHookExit(since: interrupted)
        XCTAssertNotNil(took, "the hook still runs after Ctrl+C: \(RolloutProbe.preReceivePIDs(root: paas.rootPath))")
        print("rollout-interrupt build: hook exited \(took.map { "\($0)" } ?? "never") after SIGINT")
        try assertUndone(live: "v1", body: "first\n", push: push)
        XCTAssertLessThan(ContinuousClock.now - interrupted, .seconds(25), "undone well before the 30 s build would end")
    }

    func testCtrlCWhileWaitingForHealthUndoesTheDeploy() throws {
        let repo = try deployFirst()
        XCTAssertTrue(try paas.ssh(["checks:set", app, "timeout", "300"]).succeeded)
        try RolloutApps.write(repo, version: "second", command: "sleep 1000")
        try repo.commit("never listens")
        let push = try PushProcess(repo, harness: paas, app: app)
        XCTAssertNotNil(push.waitForLine(containing: "Starting"), push.output)
        XCTAssertTrue(waitUntil(timeout: .seconds(20)) { ((try? paas.containers(app: app))?.count ?? 0) == 2 })
        Thread.sleep(forTimeInterval: 1)
        let interrupted = ContinuousClock.now
        push.interrupt()
        XCTAssertNotNil(push.wait(timeout: .seconds(20)), "git push did not end after SIGINT")
        let took = waitForHookExit(since: interrupted)
        XCTAssertNotNil(took, "the hook still runs after Ctrl+C")
        print("rollout-interrupt health: hook exited \(took.map { "\($0)" } ?? "never") after SIGINT")
        try assertUndone(live: "v1", body: "first\n", push: push)
    }

    func testCtrlCDuringDrainKeepsTheNewVersionAndRetiresTheOld() throws {
        let repo = try deployFirst()
        XCTAssertTrue(try paas.ssh(["checks:set", app, "drain", "20"]).succeeded)
        try RolloutApps.write(repo, version: "second")
        try repo.commit("two")
        let push = try PushProcess(repo, harness: paas, app: app)
        XCTAssertNotNil(push.waitForLine(containing: "Switching traffic"), push.output)
        Thread.sleep(forTimeInterval: 1)
        let interrupted = ContinuousClock.now
        push.interrupt()
        XCTAssertNotNil(push.wait(timeout: .seconds(20)), "git push did not end after SIGINT")
        // The switch happened and v2 is the live release: it keeps serving.
        XCTAssertEqual(try paas.waitFor(app: app, body: "second\n").body, "second\n")
        // The hook finishes retiring v1 once the drain is over (it must not leave it running).
        let took = waitForHookExit(since: interrupted, timeout: .seconds(60))
        print("rollout-interrupt drain: hook exited \(took.map { "\($0)" } ?? "never") after SIGINT")
        XCTAssertTrue(paas.waitForContainers(app, count: 1, timeout: .seconds(60)), "v1 still there: \((try? paas.containers(app: app).map(\.names)) ?? [])")
        XCTAssertEqual(try paas.containers(app: app).first?.labels["paas.release"], "v2")
        XCTAssertEqual(try paas.get(app: app).body, "second\n")
        XCTAssertTrue(try paas.lockIsFree(app))
    }

    // MARK: - SIGKILL

    /// Starts a deploy of a release that never gets healthy and SIGKILLs its hook once the new
    /// container runs; returns with the orphan still there.
    private func killHookMidRollout(_ repo: GitFixture) throws {
        XCTAssertTrue(try paas.ssh(["checks:set", app, "timeout", "300"]).succeeded)
        try RolloutApps.write(repo, version: "second", command: "sleep 1000")
        try repo.commit("never listens")
        let push = try PushProcess(repo, harness: paas, app: app)
        XCTAssertNotNil(push.waitForLine(containing: "Starting"), push.output)
        XCTAssertTrue(waitUntil(timeout: .seconds(20)) { ((try? paas.containers(app: app))?.count ?? 0) == 2 })
        let pids = RolloutProbe.preReceivePIDs(root: paas.rootPath)
        XCTAssertEqual(pids.count, 1, "one hook of this test runs")
        for pid in pids { kill(pid, SIGKILL) }
        XCTAssertNotNil(push.wait(timeout: .seconds(30)), "git push did not end after its hook was killed")
        XCTAssertNotEqual(push.wait(), 0, push.output)
        XCTAssertEqual(try paas.containers(app: app).count, 2, "the killed deploy's container is left (SIGKILL can't be caught)")
        XCTAssertTrue(try paas.lockIsFree(app), "the kernel freed the flock")
        XCTAssertEqual(try paas.get(app: app).body, "first\n")
    }

    func testSigkillMidRolloutThenNextDeployLeavesNoOrphans() throws {
        let repo = try deployFirst()
        try killHookMidRollout(repo)
        XCTAssertTrue(try paas.ssh(["checks:set", app, "timeout", ""]).succeeded)
        try RolloutApps.write(repo, version: "third")
        try repo.commit("three")
        let push = try paas.push(repo, app: app)
        XCTAssertTrue(push.succeeded, push.summary)
        XCTAssertTrue(push.stderrText.contains("leftover container"), push.stderrText)
        XCTAssertEqual(try paas.waitFor(app: app, body: "third\n").body, "third\n")
        let left = try paas.containers(app: app)
        XCTAssertEqual(left.count, 1, "no orphans: \(left.map(\.names))")
        XCTAssertEqual(left.first?.labels["paas.release"], "v2", "the killed deploy recorded no release")
    }

    func testSigkillMidRolloutThenReconcileRemovesTheOrphan() throws {
        try killHookMidRollout(try deployFirst())
        let reconcile = try paas.ssh(["ps:reconcile", app])
        XCTAssertTrue(reconcile.succeeded, reconcile.summary)
        XCTAssertTrue(reconcile.stderrText.contains("removed 1 container"), reconcile.stderrText)
        let left = try paas.containers(app: app)
        XCTAssertEqual(left.map { $0.labels["paas.release"] }, ["v1"])
        XCTAssertEqual(try paas.get(app: app).body, "first\n")
        XCTAssertTrue(try paas.ssh(["ps:reconcile", app]).stderrText.contains("nothing to clean"))
    }
}
