import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// Issue 10, end to end: the haproxy proxy plugin in front of real pushes. Every runtime change
/// (deploy, scale, restart, rollback, domains, maintenance, stop/start) happens without a
/// reload; a restarted HAProxy serves the same from its files; faults leave the old version.
final class HAProxyTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws {
        paas = try PaasHarness("hap", proxy: .haproxy)
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private var app: String { paas.id.value }
    private var haproxy: TestHAProxy { paas.haproxy! }

    private func ok(_ result: ProcessResult, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(result.succeeded, result.summary, file: file, line: line)
    }

    /// The `ADDRESS:PORT`s of the servers HAProxy sends `app`'s traffic to now.
    private func servedPorts() throws -> [String] {
        try haproxy.command("show servers state app_\(app)").split(separator: "\n").compactMap { line -> String? in
            let f = line.split(separator: " ")
            return f.count > 18 && f[6] == "0" ? "\(f[4]):\(f[18])" : nil
        }.sorted()
    }

    /// Where the running web containers are reached: their addresses on the app's network.
    private func webPorts() throws -> [String] {
        try paas.containers(app: app, process: "web").filter { $0.state == "running" }
            .compactMap { paas.upstream(of: $0, app: app) }.sorted()
    }

    func testEveryRuntimeChangeHappensWithoutAReload() throws {
        let repo = try RolloutApps.make("one")
        ok(try paas.push(repo, app: app))
        XCTAssertEqual(try paas.waitFor(app: app, body: "one\n").status, 200, haproxy.errorLog)
        let worker = try XCTUnwrap(try haproxy.workerPID())

        try RolloutApps.write(repo, version: "two")
        try repo.commit("two")
        let push = try paas.push(repo, app: app)
        ok(push)
        XCTAssertTrue(push.stderrText.contains("no reload"), push.stderrText)
        XCTAssertEqual(try paas.get(app: app).body, "two\n")
        XCTAssertEqual(try servedPorts(), try webPorts(), "HAProxy serves exactly the running web container")

        ok(try paas.ssh(["ps:scale", app, "web=2"]))
        XCTAssertEqual(try servedPorts().count, 2)
        XCTAssertEqual(try servedPorts(), try webPorts())
        ok(try paas.ssh(["ps:restart", app]))
        XCTAssertEqual(try servedPorts(), try webPorts())
        ok(try paas.ssh(["rollback", app]))
        XCTAssertEqual(try paas.get(app: app).body, "one\n")

        ok(try paas.ssh(["domains:add", app, "extra-\(app).test"]))
        XCTAssertEqual(try haproxy.get(host: "extra-\(app).test").body, "one\n")
        ok(try paas.ssh(["domains:remove", app, "extra-\(app).test"]))
        XCTAssertEqual(try haproxy.get(host: "extra-\(app).test").status, 404)

        ok(try paas.paas(["plugin:install", TestPaths.plugins + "/maintenance"]))
        ok(try paas.ssh(["maintenance:on", app, "back soon"]))
        let down = try paas.get(app: app)
        XCTAssertEqual(down.status, 503)
        XCTAssertEqual(down.body, "back soon\n")
        ok(try paas.ssh(["maintenance:off", app]))
        XCTAssertEqual(try paas.get(app: app).body, "one\n")

        ok(try paas.ssh(["ps:stop", app]))
        let stopped = try paas.get(app: app)
        XCTAssertEqual(stopped.status, 503)
        XCTAssertTrue(stopped.body.contains("no web process running"), stopped.body)
        ok(try paas.ssh(["ps:start", app]))
        XCTAssertEqual(try paas.get(app: app).body, "one\n")

        XCTAssertEqual(try haproxy.workerPID(), worker, "no change reloaded HAProxy")
        XCTAssertEqual(try servedPorts(), try webPorts())
    }

    func testRestartedHAProxyServesFromItsFilesAndRestoreResyncs() throws {
        let repo = try RolloutApps.make("one")
        ok(try paas.push(repo, app: app))
        ok(try paas.ssh(["ps:scale", app, "web=2"]))
        ok(try paas.ssh(["domains:add", app, "more-\(app).test"]))
        let ports = try servedPorts()

        haproxy.kill()
        try haproxy.start()
        XCTAssertEqual(try paas.get(app: app).body, "one\n", haproxy.errorLog)
        XCTAssertEqual(try haproxy.get(host: "more-\(app).test").body, "one\n")
        XCTAssertEqual(try servedPorts(), ports)

        // Runtime state out of line with the containers: ps:restore brings it back.
        _ = try haproxy.command("del map \(paas.rootPath)/haproxy/hosts.map \(paas.host(app))")
        XCTAssertEqual(try paas.get(app: app).status, 404)
        ok(try paas.paas(["ps:restore"]))
        XCTAssertEqual(try paas.get(app: app).body, "one\n")
    }

    func testDeployIsRefusedWhileHAProxyIsDown() throws {
        let repo = try RolloutApps.make("one")
        ok(try paas.push(repo, app: app))
        let live = try paas.containers(app: app).map(\.id)

        haproxy.stop()
        try RolloutApps.write(repo, version: "two")
        try repo.commit("two")
        let push = try paas.push(repo, app: app)
        XCTAssertFalse(push.succeeded)
        XCTAssertTrue(push.stderrText.contains("HAProxy is not running"), push.stderrText)
        XCTAssertTrue(push.stderrText.contains("start it with: \(haproxy.executable)"), push.stderrText)
        XCTAssertEqual(try paas.containers(app: app).map(\.id), live, "nothing new started")

        try haproxy.start()
        XCTAssertEqual(try paas.get(app: app).body, "one\n", "the old version serves again")
    }

    func testHAProxyKilledMidDeployUndoesTheDeploy() throws {
        let repo = try RolloutApps.make("one")
        ok(try paas.push(repo, app: app))
        let live = try paas.containers(app: app).map(\.id)

        // A check that holds the deploy for 4 s after the new container starts.
        try RolloutApps.write(repo, version: "two", appJSON: #"{"healthchecks":{"web":[{"uptime":4}]}}"#)
        try repo.commit("two")
        let push = try PushProcess(repo, harness: paas, app: app)
        XCTAssertNotNil(push.waitForLine(containing: "Starting"), push.output)
        haproxy.kill()
        XCTAssertEqual(push.wait(), 1, push.output)
        XCTAssertTrue(push.output.contains("HAProxy is not running"), push.output)
        XCTAssertTrue(paas.waitForContainers(app, count: 1), "new containers removed")
        XCTAssertEqual(try paas.containers(app: app).map(\.id), live)

        try haproxy.start()
        XCTAssertEqual(try paas.get(app: app).body, "one\n", haproxy.errorLog)
    }

    func testADomainServedByAnotherAppIsRefused() throws {
        let other = app + "-b"
        ok(try paas.push(try RolloutApps.make("a"), app: app))
        ok(try paas.push(try RolloutApps.make("b"), app: other))
        ok(try paas.ssh(["domains:add", app, "shared-\(app).test"]))
        let taken = try paas.ssh(["domains:add", other, "shared-\(app).test"])
        XCTAssertFalse(taken.succeeded)
        XCTAssertTrue(taken.stderrText.contains(app), taken.stderrText)
        XCTAssertEqual(try haproxy.get(host: "shared-\(app).test").body, "a\n")
    }
}

/// Issue 10 item 3, end to end: a web process that crashes at start (Docker restarts it) fails
/// the push within 2 s of its container starting, with its last output and exit code; a check
/// that genuinely waits keeps its time.
final class FastFailureTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws {
        paas = try PaasHarness("fast", proxy: .haproxy)
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private var app: String { paas.id.value }

    func testAWebProcessThatExitsAtStartIsRejectedAtOnce() throws {
        let repo = try RolloutApps.make("one")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        try RolloutApps.write(repo, version: "two", command: #"sh -c 'echo "boom: no DATABASE_URL"; exit 3'"#)
        try repo.commit("crashes")
        let push = try PushProcess(repo, harness: paas, app: app)
        XCTAssertEqual(push.wait(), 1, push.output)
        let started = try XCTUnwrap(push.time(of: "Starting web=1"), push.output)
        let failed = try XCTUnwrap(push.time(of: "failed its check"), push.output)
        XCTAssertLessThan(failed - started, .seconds(2), push.output)
        print("fast failure: rejected \(failed - started) after the Starting line")
        XCTAssertTrue(push.output.contains("boom: no DATABASE_URL"), "its last output: \(push.output)")
        XCTAssertTrue(push.output.contains("exited with status 3"), push.output)
        XCTAssertEqual(try paas.get(app: app).body, "one\n", "the old version keeps serving")
        XCTAssertTrue(paas.waitForContainers(app, count: 1), "the crashing container is removed")
    }

    func testAProcessThatIsSlowToListenIsWaitedFor() throws {
        let repo = try RolloutApps.make("one")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        // Running but not listening for 1.5 s: the port check waits, it does not fail fast.
        try RolloutApps.write(repo, version: "two", command: "sh -c 'sleep 1.5; exec httpd -f -p $PORT -h /www'")
        try repo.commit("slow to listen")
        let push = try PushProcess(repo, harness: paas, app: app)
        XCTAssertEqual(push.wait(), 0, push.output)
        let started = try XCTUnwrap(push.time(of: "Starting web=1"), push.output)
        let healthy = try XCTUnwrap(push.time(of: "web.1 is healthy"), push.output)
        XCTAssertGreaterThan(healthy - started, .milliseconds(1500), push.output)
        XCTAssertEqual(try paas.get(app: app).body, "two\n")
    }
}
