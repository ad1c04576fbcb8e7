import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// Issue 9, item 4, end to end: cases from Dokku's own test suite, over real ssh, git, Docker
/// and nginx.
final class DokkuCompatibilityTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws {
        paas = try PaasHarness("dokku")
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private var app: String { paas.id.value }

    private func running(_ process: String) throws -> [ContainerSummary] {
        try paas.containers(app: app, process: process).filter { $0.state == "running" }
    }

    private func checksReport() throws -> [String: String] {
        let report = try paas.ssh(["checks:report", "--format", "json", app])
        XCTAssertTrue(report.succeeded, report.summary)
        return try JSONDecoder().decode([String: String].self, from: Data(report.stdout))
    }

    /// Asserts a one-line error on stderr containing `expected` and a non-zero exit.
    private func assertRefused(
        _ result: ProcessResult, _ expected: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertFalse(result.succeeded, result.summary, file: file, line: line)
        XCTAssertTrue(
            result.stderrText.contains(expected), "expected '\(expected)' in: \(result.stderrText)", file: file,
            line: line)
        XCTAssertEqual(
            result.stderrText.split(separator: "\n").count, 1, "one line: \(result.stderrText)", file: file, line: line)
    }

    func testChecksDisableAndSkipAreExclusivePerProcessType() throws {
        let repo = try Apps.envPrinter()
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        XCTAssertTrue(try paas.ssh(["ps:scale", app, "worker=1"]).succeeded)

        XCTAssertTrue(try paas.ssh(["checks:skip", app, "web", "worker"]).succeeded)
        let disable = try paas.ssh(["checks:disable", app, "web"])
        XCTAssertTrue(disable.succeeded, disable.summary)
        var report = try checksReport()
        XCTAssertEqual(report["disabled"], "web")
        XCTAssertEqual(report["skipped"], "worker", "disabling web took it out of the skipped types")

        // The next deploy stops web first and checks it; worker starts unchecked.
        try repo.write("www/index.html", "two\n")
        try repo.commit("two")
        let push = try paas.push(repo, app: app)
        XCTAssertTrue(push.succeeded, push.summary)
        XCTAssertTrue(push.stderrText.contains("Stopping web first"), push.stderrText)
        XCTAssertTrue(push.stderrText.contains("web.1 is healthy"), push.stderrText)
        XCTAssertFalse(push.stderrText.contains("worker.1 is healthy"), push.stderrText)
        XCTAssertEqual(try paas.waitFor(app: app, body: "two\n").status, 200)

        // Skipping web takes it out of the disabled types: start-first again, unchecked.
        XCTAssertTrue(try paas.ssh(["checks:skip", app, "web"]).succeeded)
        report = try checksReport()
        XCTAssertEqual(report["disabled"], "")
        XCTAssertEqual(report["skipped"], "web,worker")
        try repo.write("www/index.html", "three\n")
        try repo.commit("three")
        let again = try paas.push(repo, app: app)
        XCTAssertTrue(again.succeeded, again.summary)
        XCTAssertFalse(again.stderrText.contains("Stopping web first"), again.stderrText)
        XCTAssertFalse(again.stderrText.contains("web.1 is healthy"), again.stderrText)
        XCTAssertEqual(try paas.waitFor(app: app, body: "three\n").status, 200)

        // `_all_` in one empties the other.
        XCTAssertTrue(try paas.ssh(["checks:disable", app]).succeeded)
        report = try checksReport()
        XCTAssertEqual(report["disabled"], "_all_")
        XCTAssertEqual(report["skipped"], "")
        XCTAssertTrue(try paas.ssh(["checks:skip", app]).succeeded)
        report = try checksReport()
        XCTAssertEqual(report["disabled"], "")
        XCTAssertEqual(report["skipped"], "_all_")
        let text = try paas.ssh(["checks:report", app])
        XCTAssertTrue(text.stdoutText.contains("disabled:      none"), text.stdoutText)
    }

    func testRunWithAProcessTypeRunsItsProcfileCommandWithTheArguments() throws {
        let repo = try Apps.staticPage("page\n")
        try repo.write("Procfile", "web: httpd -f -p $PORT -h /www\ngreet: echo greeting from the procfile\n")
        try repo.commit("procfile")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)

        let greet = try paas.ssh(["run", app, "greet", "two words", "$HOME", "it's"])
        XCTAssertEqual(greet.status, .exited(0), greet.summary)
        XCTAssertEqual(
            greet.stdoutText, "greeting from the procfile two words $HOME it's\n", "arguments appended, not expanded")

        // Anything that is not a process type runs as before.
        let plain = try paas.ssh(["run", app, "echo", "greet"])
        XCTAssertEqual(plain.stdoutText, "greet\n", plain.summary)
        let line = try paas.ssh(["run", app, "echo line; exit 3"])
        XCTAssertEqual(line.status, .exited(3), line.summary)
        XCTAssertEqual(line.stdoutText, "line\n")
        XCTAssertTrue(
            waitUntil(timeout: .seconds(15)) { (try? paas.containers(app: app, role: "run"))?.isEmpty == true },
            "run containers left: \((try? paas.containers(app: app, role: "run").map(\.names)) ?? [])")
    }

    func testChecksRunChecksSeveralTypes() throws {
        XCTAssertTrue(try paas.push(try Apps.envPrinter(), app: app).succeeded)
        XCTAssertTrue(try paas.ssh(["ps:scale", app, "web=2", "worker=1"]).succeeded)

        for targets in [["web,worker"], ["web", "worker"]] {
            let run = try paas.ssh(["checks:run", app] + targets)
            XCTAssertTrue(run.succeeded, run.summary)
            XCTAssertEqual(run.stdoutText, "web.1: healthy\nweb.2: healthy\nworker.1: healthy\n", "\(targets)")
        }
        let one = try paas.ssh(["checks:run", app, "web.2,worker"])
        XCTAssertEqual(one.stdoutText, "web.2: healthy\nworker.1: healthy\n", one.summary)
        assertRefused(try paas.ssh(["checks:run", app, "web,clock"]), "no running container of \(app) matches clock")
        assertRefused(try paas.ssh(["checks:run", app, "web.x"]), "'web.x' is not a process type or PROCESS.N")
    }

    func testScaleBeforeTheFirstDeployIsAppliedByIt() throws {
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        let scale = try paas.ssh(["ps:scale", app, "worker=1"])
        XCTAssertTrue(scale.succeeded, scale.summary)
        XCTAssertTrue(scale.stderrText.contains("applies from its first deploy"), scale.stderrText)
        XCTAssertTrue(try paas.containers(app: app).isEmpty, "nothing runs before the deploy")

        let push = try paas.push(try Apps.envPrinter(), app: app)
        XCTAssertTrue(push.succeeded, push.summary)
        XCTAssertEqual(try running("worker").count, 1, "the stored formation is applied")
        XCTAssertEqual(try running("web").count, 1)
        let formation = try paas.ssh(["ps:scale", "--format", "json", app])
        XCTAssertEqual(
            try JSONDecoder().decode([String: Int].self, from: Data(formation.stdout)), ["web": 1, "worker": 1])

        // After a deploy, a type the Procfile does not have is refused, as before.
        assertRefused(try paas.ssh(["ps:scale", app, "clock=1"]), "no process type 'clock'")
        let after = try paas.ssh(["ps:scale", "--format", "json", app])
        XCTAssertEqual(try JSONDecoder().decode([String: Int].self, from: Data(after.stdout)), ["web": 1, "worker": 1])
    }

    func testTheDefaultDomainCannotBeRemoved() throws {
        XCTAssertTrue(try paas.push(try Apps.staticPage("served\n"), app: app).succeeded)
        XCTAssertTrue(try paas.ssh(["domains:add", app, "extra.\(app).test"]).succeeded)
        let before = try paas.ssh(["domains:report", "--format", "json", app])

        let remove = try paas.ssh(["domains:remove", app, paas.host(app)])
        assertRefused(remove, "\(paas.host(app)) is the default domain of \(app) and can't be removed")
        let mixed = try paas.ssh(["domains:remove", app, "extra.\(app).test", paas.host(app)])
        assertRefused(mixed, "is the default domain")
        XCTAssertEqual(
            try paas.ssh(["domains:report", "--format", "json", app]).stdoutText, before.stdoutText, "nothing changed")
        XCTAssertEqual(try paas.get(app: app).body, "served\n")

        let extra = try paas.ssh(["domains:remove", app, "extra.\(app).test"])
        XCTAssertTrue(extra.succeeded, extra.summary)
        XCTAssertFalse(try paas.ssh(["domains:report", app]).stdoutText.contains("extra."))
    }
}
