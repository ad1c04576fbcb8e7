import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// Issue 4, end to end: builder-image builds in ephemeral containers, release tasks in throwaway
/// containers, monorepo build dirs, interrupts and bad input — over real ssh, git, Docker, nginx.
final class BuildersAndTasksTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws {
        paas = try PaasHarness("build")
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private var app: String { paas.id.value }

    /// Creates `app` and makes its rollouts quick (no settle time).
    private func create(_ app: String) throws {
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        XCTAssertTrue(try paas.ssh(["checks:set", app, "settle", "0"]).succeeded)
    }

    private func ssh(_ words: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try paas.ssh(words)
        XCTAssertTrue(result.succeeded, "\(words.joined(separator: " ")): \(result.summary)", file: file, line: line)
    }

    /// The versions of `app`'s releases, newest first (`["v2", "v1"]`).
    private func releases(_ app: String) throws -> [String] {
        let result = try paas.ssh(["releases", app, "--format", "json"])
        XCTAssertTrue(result.succeeded, result.summary)
        let list = try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [[String: Any]] ?? []
        return list.compactMap { $0["version"] as? String }
    }

    private func leftovers(_ app: String) throws -> [ContainerSummary] {
        try paas.containers(app: app, role: "builder") + paas.containers(app: app, role: "task")
    }

    /// Waits until no builder or task container of `app` exists (an interrupted deploy undoes
    /// itself a moment after the client is gone).
    private func waitForNoLeftovers(_ app: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let gone = try waitUntil(timeout: .seconds(30), every: .milliseconds(200)) { try leftovers(app).isEmpty }
        let left = try leftovers(app).map(\.names)
        XCTAssertTrue(gone, "builder/task containers left: \(left)", file: file, line: line)
    }

    // MARK: - Builder images

    func testBuilderImageAppServesStreamsItsBuildAndKeepsItsCache() throws {
        guard try paas.docker.inspectImage("paas/builder-python:latest") != nil else {
            throw XCTSkip("paas/builder-python:latest is missing; scripts/make-builder-image.sh makes it")
        }
        try create(app)
        let repo = try GitFixture()
        try Fixtures.pythonApp(repo, greeting: "hello from python one")
        try repo.commit("python app")

        let first = try paas.push(repo, app: app)
        XCTAssertTrue(first.succeeded, first.summary)
        XCTAssertTrue(first.stderrText.contains("Python builder on Python 3"), "builder output reaches the pusher: \(first.stderrText)")
        XCTAssertTrue(first.stderrText.contains("build number 1"), first.stderrText)
        let served = try paas.waitFor(app: app, body: "hello from python one\n")
        if served.body != "hello from python one\n", let web = try paas.containers(app: app, role: "app").first {
            let logs = try Run.command("docker", ["logs", web.id])
            XCTFail("the python app does not answer (\(served.status)); its logs: \(logs.summary)")
        }
        XCTAssertEqual(try paas.containers(app: app, role: "builder").map(\.names), [], "no builder container remains")
        XCTAssertEqual(try paas.containers(app: app, role: "app").count, 1)

        try Fixtures.pythonApp(repo, greeting: "hello from python two")
        try repo.commit("two")
        let second = try paas.push(repo, app: app)
        XCTAssertTrue(second.succeeded, second.summary)
        XCTAssertTrue(second.stderrText.contains("build number 2"), "the cache volume carries /cache/builds: \(second.stderrText)")
        XCTAssertEqual(try paas.waitFor(app: app, body: "hello from python two\n").body, "hello from python two\n")
        XCTAssertEqual(try paas.containers(app: app, role: "builder").map(\.names), [])
        let report = try paas.ssh(["builder:report", app])
        XCTAssertTrue(report.stdoutText.contains("image"), report.summary)
    }

    // MARK: - Release tasks

    func testPredeployWritesAreNotKeptAndAFailingReleaseRejectsThePush() throws {
        try create(app)
        let repo = try GitFixture()
        try Apps.writeStaticPage(repo, "one\n")
        try repo.write(
            "app.json",
            #"{"name": "x", "scripts": {"predeploy": "echo predeploy-ran-$GREETING; echo from-task > /www/predeploy.txt; cat /www/predeploy.txt"}}"#)
        try repo.commit("with predeploy")
        try ssh(["config:set", app, "GREETING=configured", "--no-restart"])

        let first = try paas.push(repo, app: app)
        XCTAssertTrue(first.succeeded, first.summary)
        XCTAssertTrue(first.stderrText.contains("predeploy-ran-configured"), "task output with the app's config: \(first.stderrText)")
        XCTAssertTrue(first.stderrText.contains("from-task"), first.stderrText)
        XCTAssertEqual(try paas.waitFor(app: app, body: "one\n").body, "one\n")
        XCTAssertEqual(try paas.get(app: app, path: "/predeploy.txt").status, 404, "the task's file is not in the app")
        let exec = try Run.command("docker", ["exec", try XCTUnwrap(paas.containers(app: app, role: "app").first).id, "ls", "/www"])
        XCTAssertFalse(exec.stdoutText.contains("predeploy.txt"), exec.summary)
        XCTAssertEqual(try paas.containers(app: app, role: "task").map(\.names), [])

        try repo.remove("app.json")
        try Apps.writeStaticPage(repo, "two\n")
        try repo.write("Procfile", "web: httpd -f -p $PORT -h /www\nrelease: echo release-says-no >&2; exit 3\n")
        try repo.commit("failing release")
        let failing = try paas.push(repo, app: app)
        XCTAssertFalse(failing.succeeded, failing.summary)
        XCTAssertTrue(failing.stderrText.contains("release-says-no"), "the task's output is shown: \(failing.stderrText)")
        XCTAssertTrue(failing.stderrText.contains("release task 'release' failed with status 3"), failing.stderrText)
        XCTAssertEqual(try paas.get(app: app).body, "one\n", "the old version keeps serving")
        XCTAssertEqual(try paas.containers(app: app, role: "task").map(\.names), [], "no task container left")
        XCTAssertEqual(try paas.containers(app: app).count, 1)
        XCTAssertEqual(try releases(app), ["v1"])
    }

    // MARK: - Interrupts

    func testCtrlCDuringTheBuildAndDuringATaskUndoesTheDeploy() throws {
        let builder = try Fixtures.sleepyBuilder(paas)
        try create(app)
        try ssh(["builder:set", app, "image", builder])
        let repo = try GitFixture()
        try repo.write("www/index.html", "one\n")
        try repo.write("Procfile", "web: httpd -f -p $PORT -h /workspace/www\n")
        try repo.commit("one")
        let first = try paas.push(repo, app: app)
        XCTAssertTrue(first.succeeded, first.summary)
        XCTAssertTrue(first.stderrText.contains("sleepy builder: building"), first.stderrText)
        XCTAssertEqual(try paas.waitFor(app: app, body: "one\n").body, "one\n")

        // Ctrl+C while the builder container runs.
        try repo.write("SLEEP", "30\n")
        try repo.write("www/index.html", "two\n")
        try repo.commit("slow build")
        let building = try push(repo)
        XCTAssertNotNil(building.waitForLine(containing: "sleepy builder: sleeping"), building.output)
        XCTAssertFalse(try paas.containers(app: app, role: "builder").isEmpty, "the builder runs while we interrupt")
        building.interrupt()
        XCTAssertNotNil(building.wait(timeout: .seconds(20)), "git ends after Ctrl+C")
        try waitForNoLeftovers(app)
        XCTAssertEqual(try paas.get(app: app).body, "one\n", "the old version serves")
        XCTAssertEqual(try releases(app), ["v1"])

        // Ctrl+C while a release task runs.
        try repo.remove("SLEEP")
        try repo.write("app.json", #"{"scripts": {"predeploy": "echo predeploy-$((6*7)); sleep 30"}}"#)
        try repo.commit("slow predeploy")
        let releasing = try push(repo)
        // The task's own output (the hook's header shows the command, `$((6*7))` unexpanded).
        XCTAssertNotNil(releasing.waitForLine(containing: "predeploy-42"), releasing.output)
        XCTAssertFalse(try paas.containers(app: app, role: "task").isEmpty, "the task runs while we interrupt")
        releasing.interrupt()
        XCTAssertNotNil(releasing.wait(timeout: .seconds(20)), "git ends after Ctrl+C")
        try waitForNoLeftovers(app)
        XCTAssertEqual(try paas.get(app: app).body, "one\n", "the old version serves")
        XCTAssertEqual(try paas.containers(app: app).filter { $0.labels["paas.role"] == "app" }.count, 1)

        // The lock is free: the next push deploys.
        try repo.remove("app.json")
        try repo.write("www/index.html", "three\n")
        try repo.commit("three")
        let next = try paas.push(repo, app: app)
        XCTAssertTrue(next.succeeded, next.summary)
        XCTAssertFalse(next.stderrText.contains("Waiting for"), next.stderrText)
        XCTAssertEqual(try paas.waitFor(app: app, body: "three\n").body, "three\n")
        XCTAssertEqual(try releases(app).first, "v2")
    }

    private func push(_ repo: GitFixture) throws -> PushProcess {
        try PushProcess(repo, harness: paas, app: app)
    }

    // MARK: - Monorepo

    func testMonorepoRebuildsOnlyTheAppWhoseBuildDirChanged() throws {
        let a = paas.id.name("a")
        let b = paas.id.name("b")
        for (name, dir) in [(a, "a"), (b, "b")] {
            try create(name)
            try ssh(["builder:set", name, "build-dir", dir])
        }
        let repo = try GitFixture()
        for dir in ["a", "b"] {
            try repo.write(
                "\(dir)/Dockerfile", "FROM paas/busybox:latest\nCOPY www /www\nCMD httpd -f -p $PORT -h /www\n")
            try repo.write("\(dir)/www/index.html", "\(dir) one\n")
        }
        try repo.commit("two apps")
        for name in [a, b] {
            let push = try paas.push(repo, app: name)
            XCTAssertTrue(push.succeeded, push.summary)
        }
        XCTAssertEqual(try paas.waitFor(app: a, body: "a one\n").body, "a one\n")
        XCTAssertEqual(try paas.waitFor(app: b, body: "b one\n").body, "b one\n")

        try repo.write("a/www/index.html", "a two\n")
        try repo.commit("change a only")
        let pushA = try paas.push(repo, app: a)
        XCTAssertTrue(pushA.succeeded, pushA.summary)
        XCTAssertEqual(try paas.waitFor(app: a, body: "a two\n").body, "a two\n")
        XCTAssertEqual(try releases(a), ["v2", "v1"])

        let webB = try paas.containers(app: b, role: "app").map(\.id)
        let pushB = try paas.push(repo, app: b)
        XCTAssertTrue(pushB.succeeded, pushB.summary)
        XCTAssertTrue(pushB.stderrText.contains("b unchanged since v1"), pushB.stderrText)
        XCTAssertFalse(pushB.stderrText.contains("Building"), pushB.stderrText)
        XCTAssertEqual(try releases(b), ["v1"], "no release for an unchanged build dir")
        XCTAssertEqual(try paas.containers(app: b, role: "app").map(\.id), webB, "app b is not rolled out again")
        XCTAssertEqual(try paas.get(app: b).body, "b one\n")
    }

    // MARK: - Bad input

    func testBadInputIsRefusedAndTheLiveVersionKeepsServing() throws {
        try create(app)
        let repo = try Apps.staticPage("live\n")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        XCTAssertEqual(try paas.waitFor(app: app, body: "live\n").body, "live\n")
        let live = try paas.containers(app: app, role: "app").map(\.id)

        func rejected(_ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
            let push = try paas.push(repo, app: app)
            XCTAssertFalse(push.succeeded, push.summary, file: file, line: line)
            XCTAssertTrue(push.stderrText.contains(expected), "expected '\(expected)' in: \(push.stderrText)", file: file, line: line)
            XCTAssertEqual(try paas.get(app: app).body, "live\n", file: file, line: line)
            XCTAssertEqual(try paas.containers(app: app).map(\.id), live, "nothing new is left", file: file, line: line)
            XCTAssertEqual(try releases(app), ["v1"], file: file, line: line)
        }

        // A builder image that is not on this host.
        let missing = "paas-test/\(paas.id.value)-nope:latest"
        try ssh(["builder:set", app, "selected", "image"])
        try ssh(["builder:set", app, "image", missing])
        try repo.write("Procfile", "web: httpd -f -p $PORT -h /www\n")
        try repo.commit("procfile")
        try rejected("builder image \(missing) is not on this host")
        try ssh(["builder:set", app, "selected"])
        try ssh(["builder:set", app, "image"])

        // A build dir the pushed tree does not have.
        try ssh(["builder:set", app, "build-dir", "services/api"])
        try repo.commit("again", allowEmpty: true)
        try rejected("has no directory 'services/api'")
        try ssh(["builder:set", app, "build-dir"])

        // A malformed app.json.
        try repo.write("app.json", "{\n  \"scripts\": {\"predeploy\": }\n}\n")
        try repo.commit("bad app.json")
        try rejected("app.json line 2, column")
        try repo.remove("app.json")

        // A Procfile release task that fails.
        try repo.write("Procfile", "web: httpd -f -p $PORT -h /www\nrelease: echo migrating; exit 7\n")
        try repo.commit("failing release")
        try rejected("release task 'release' failed with status 7")
    }

    func testATaskThatNeverEndsIsKilledAtTheTimeout() throws {
        try create(app)
        let repo = try Apps.staticPage("live\n")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        XCTAssertEqual(try paas.waitFor(app: app, body: "live\n").body, "live\n")

        let set = try paas.ssh(["tasks:set", app, "timeout", "2"])
        guard set.succeeded else {
            XCTFail("no command sets tasks.timeout (docs/app-json.md names the setting): \(set.summary)")
            return
        }
        try repo.write("app.json", #"{"scripts": {"predeploy": "echo forever; sleep 600"}}"#)
        try Apps.writeStaticPage(repo, "never\n")
        try repo.commit("endless predeploy")
        let started = ContinuousClock.now
        let push = try paas.push(repo, app: app)
        XCTAssertFalse(push.succeeded, push.summary)
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(60))
        XCTAssertTrue(push.stderrText.contains("predeploy timed out after 2s"), push.stderrText)
        XCTAssertEqual(try paas.get(app: app).body, "live\n")
        try waitForNoLeftovers(app)
        XCTAssertEqual(try releases(app), ["v1"])
    }
}
