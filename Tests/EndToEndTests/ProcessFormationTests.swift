import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// Issue 3, end to end: the process formation, one-off runs and logs.
final class ProcessFormationTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws {
        paas = try PaasHarness("procs")
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private var app: String { paas.id.value }

    private func running(_ process: String) throws -> [ContainerSummary] {
        try paas.containers(app: app, process: process).filter { $0.state == "running" }
    }

    private var upstreamLines: [String] { paas.upstreams(app: app) }

    func testScaleGivesExactlyThoseContainersAndUpstreamsAndZeroLeavesNone() throws {
        let push = try paas.push(try Apps.envPrinter(), app: app)
        XCTAssertTrue(push.succeeded, push.summary)

        let up = try paas.ssh(["ps:scale", app, "web=3", "worker=1"])
        XCTAssertTrue(up.succeeded, up.summary)
        XCTAssertEqual(try running("web").count, 3)
        XCTAssertEqual(try running("worker").count, 1)
        XCTAssertEqual(try paas.containers(app: app, role: "app").count, 4, "nothing else left over")
        XCTAssertEqual(upstreamLines.count, 3, paas.proxyConfig(app: app) ?? "no proxy config")
        XCTAssertEqual(try paas.waitFor(app: app, body: "env printer\n").status, 200)
        let formation = try paas.ssh(["ps:scale", "--format", "json", app])
        XCTAssertEqual(
            try JSONDecoder().decode([String: Int].self, from: Data(formation.stdout)), ["web": 3, "worker": 1],
            formation.summary)

        let down = try paas.ssh(["ps:scale", app, "web=0", "worker=0"])
        XCTAssertTrue(down.succeeded, down.summary)
        XCTAssertEqual(try paas.containers(app: app, process: "web").count, 0)
        XCTAssertEqual(try paas.containers(app: app, process: "worker").count, 0)
        XCTAssertEqual(upstreamLines.count, 0, paas.proxyConfig(app: app) ?? "")
        XCTAssertNotEqual(try paas.get(app: app).status, 200)
    }

    func testRunReturnsTheExitCodeAndLeavesNoContainer() throws {
        XCTAssertTrue(try paas.push(try Apps.envPrinter(), app: app).succeeded)
        XCTAssertTrue(try paas.ssh(["config:set", "--no-restart", app, "FROM_CONFIG=visible"]).succeeded)

        let failing = try paas.ssh(["run", app, "sh", "-c", "exit 7"])
        XCTAssertEqual(failing.status, .exited(7), failing.summary)

        let echo = try paas.ssh(["run", app, "sh", "-c", "echo \"$FROM_CONFIG\""])
        XCTAssertTrue(echo.succeeded, echo.summary)
        XCTAssertEqual(echo.stdoutText, "visible\n")

        XCTAssertTrue(
            waitUntil(timeout: .seconds(10)) { (try? paas.containers(app: app, role: "run"))?.isEmpty == true },
            "run containers left: \((try? paas.containers(app: app, role: "run").map(\.names)) ?? [])")
    }

    func testRunPassesTheCallersStdin() throws {
        XCTAssertTrue(try paas.push(try Apps.envPrinter(), app: app).succeeded)
        let stdin = try paas.ssh(["run", app, "cat"], stdin: Array("through stdin\n".utf8), timeout: .seconds(30))
        XCTAssertEqual(stdin.status, .exited(0), stdin.summary)
        XCTAssertEqual(stdin.stdoutText, "through stdin\n", stdin.summary)
        XCTAssertTrue(
            waitUntil(timeout: .seconds(15)) { (try? paas.containers(app: app, role: "run"))?.isEmpty == true },
            "run containers left: \((try? paas.containers(app: app, role: "run").map(\.names)) ?? [])")
    }

    func testRunContainerIsRemovedWhenTheSessionDrops() throws {
        XCTAssertTrue(try paas.push(try Apps.envPrinter(), app: app).succeeded)
        // The ssh client is killed after 3 s, in the middle of the run.
        let dropped = try paas.ssh(["run", app, "sleep", "120"], timeout: .seconds(3))
        XCTAssertEqual(dropped.status, .timedOut, dropped.summary)
        XCTAssertTrue(
            waitUntil(timeout: .seconds(20)) { (try? paas.containers(app: app, role: "run"))?.isEmpty == true },
            "run containers left 20 s after the session dropped: \((try? paas.containers(app: app, role: "run").map(\.names)) ?? [])")
    }

    func testLogsShowLinesFromEachProcess() throws {
        XCTAssertTrue(try paas.push(try Apps.envPrinter(), app: app).succeeded)
        XCTAssertTrue(try paas.ssh(["ps:scale", app, "web=1", "worker=1"]).succeeded)
        XCTAssertEqual(try running("worker").count, 1)

        var logs = try paas.ssh(["logs", app])
        _ = waitUntil(timeout: .seconds(10)) {
            logs = (try? paas.ssh(["logs", app])) ?? logs
            return logs.stdoutText.contains("worker-tick") && logs.stdoutText.contains("web-started")
        }
        XCTAssertTrue(logs.succeeded, logs.summary)
        let lines = logs.stdoutText.split(separator: "\n")
        XCTAssertTrue(lines.contains { $0.contains("web") && $0.contains("web-started web.1") }, logs.stdoutText)
        XCTAssertTrue(lines.contains { $0.contains("worker") && $0.contains("worker-tick worker.1") }, logs.stdoutText)

        let onlyWorker = try paas.ssh(["logs", app, "-p", "worker", "-n", "5"])
        XCTAssertTrue(onlyWorker.succeeded, onlyWorker.summary)
        XCTAssertFalse(onlyWorker.stdoutText.contains("web-started"), onlyWorker.stdoutText)
    }
}
