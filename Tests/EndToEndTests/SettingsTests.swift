import Foundation
import PaasTestSupport
import XCTest

/// Issue 9, item 3, end to end: the `FAMILY:set` and `FAMILY:report` commands generated from the
/// settings registry, over real ssh, and deploys that follow what they set.
final class SettingsTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws {
        paas = try PaasHarness("settings")
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private var app: String { paas.id.value }

    private func report(_ family: String) throws -> [String: String] {
        let result = try paas.ssh(["\(family):report", "--format", "json", app])
        XCTAssertTrue(result.succeeded, result.summary)
        return try JSONDecoder().decode([String: String].self, from: Data(result.stdout))
    }

    func testEveryFamilySetsReportsRefusesAndResets() throws {
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        let cases: [(family: String, key: String, value: String, shown: String, defaultShown: String)] = [
            ("checks", "wait", "2.50", "2.5", "0"), ("tasks", "timeout", "30", "30", "600"),
            ("releases", "keep", "3", "3", "10"), ("git", "deploy-branch", "prod", "prod", "main (or master)"),
            ("builder", "build-dir", "./services/api/", "services/api", "(repository root)"),
        ]
        for c in cases {
            XCTAssertEqual(try report(c.family)[c.key], c.defaultShown, c.family)
            let set = try paas.ssh(["\(c.family):set", app, c.key, c.value])
            XCTAssertTrue(set.succeeded, set.summary)
            XCTAssertEqual(set.stderrText, "-----> \(app) \(c.family) \(c.key) = \(c.shown)\n")
            XCTAssertEqual(try report(c.family)[c.key], c.shown, c.family)
            let text = try paas.ssh(["\(c.family):report", app])
            XCTAssertTrue(text.stdoutText.hasPrefix("=====> \(app) \(c.family)\n"), text.stdoutText)
        }

        // Bad values: one line naming what is expected, non-zero, nothing changed.
        let refusals: [([String], String)] = [
            (
                ["checks:set", app, "wait", "soon"],
                "checks setting wait cannot be 'soon': expected a number of seconds from 0 to 86400"
            ),
            (
                ["tasks:set", app, "timeout", "0"],
                "tasks setting timeout cannot be '0': expected a number of seconds above 0"
            ),
            (
                ["releases:set", app, "keep", "0"],
                "releases setting keep cannot be '0': expected a whole number from 1 to 1000"
            ),
            (["git:set", app, "deploy-branch", "../x"], "git setting deploy-branch cannot be '../x'"),
            (
                ["builder:set", app, "selected", "heroku"],
                "builder setting selected cannot be 'heroku': expected dockerfile or image"
            ),
            (["checks:set", app, "timeout", "-1"], "checks setting timeout cannot be '-1'"),
            (["tasks:set", app, "retries", "1"], "unknown tasks setting 'retries'; expected one of: timeout"),
            (
                ["checks:set", app, "skipped", "web"],
                "checks setting skipped is changed with checks:skip and checks:enable"
            ),
        ]
        for (words, message) in refusals {
            let result = try paas.ssh(words)
            XCTAssertFalse(result.succeeded, result.summary)
            XCTAssertTrue(result.stderrText.contains(message), "expected '\(message)' in: \(result.stderrText)")
            XCTAssertEqual(result.stderrText.split(separator: "\n").count, 1, result.stderrText)
        }
        XCTAssertEqual(try report("checks")["wait"], "2.5")
        XCTAssertEqual(try report("tasks")["timeout"], "30")
        XCTAssertEqual(try report("releases")["keep"], "3")

        // An empty or omitted value goes back to the default.
        let empty = try paas.ssh(["checks:set", app, "wait", ""])
        XCTAssertEqual(empty.stderrText, "-----> \(app) checks wait reset to the default: 0\n", empty.summary)
        XCTAssertTrue(try paas.ssh(["releases:set", app, "keep"]).succeeded)
        XCTAssertEqual(try report("checks")["wait"], "0")
        XCTAssertEqual(try report("releases")["keep"], "10")

        // The help comes from the declarations.
        let help = try paas.ssh(["help", "tasks:set"])
        XCTAssertTrue(
            help.stdoutText.contains("timeout: a number of seconds above 0, at most 86400; default 600"),
            help.stdoutText)
        XCTAssertTrue(help.stdoutText.contains("Seconds a release task may run before it is killed"), help.stdoutText)
    }

    func testGlobalValuesApplyToAppsWithoutTheirOwn() throws {
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        let other = app + "-b"
        XCTAssertTrue(try paas.ssh(["apps:create", other]).succeeded)
        let set = try paas.ssh(["checks:set", "--global", "timeout", "90"])
        XCTAssertTrue(set.succeeded, set.summary)
        XCTAssertEqual(set.stderrText, "-----> global checks timeout = 90\n")
        XCTAssertTrue(try paas.ssh(["checks:set", other, "timeout", "30"]).succeeded)
        XCTAssertEqual(try report("checks")["timeout"], "90")
        let text = try paas.ssh(["checks:report", app])
        XCTAssertTrue(text.stdoutText.contains("timeout:       90 (global)"), text.stdoutText)
        let own = try paas.ssh(["checks:report", "--format", "json", other])
        XCTAssertTrue(own.stdoutText.contains(#""timeout" : "30""#), own.stdoutText)
        let global = try paas.ssh(["checks:report", "--global"])
        XCTAssertTrue(global.stdoutText.hasPrefix("=====> global checks\n"), global.stdoutText)
        XCTAssertFalse(
            global.stdoutText.contains("disabled"), "per-app settings have no global value: \(global.stdoutText)")

        let refused = try paas.ssh(["builder:set", "--global", "build-dir", "api"])
        XCTAssertFalse(refused.succeeded)
        XCTAssertTrue(refused.stderrText.contains("builder setting build-dir has no global value"), refused.stderrText)
        let usage = try paas.ssh(["checks:set", app])
        XCTAssertFalse(usage.succeeded)
        XCTAssertTrue(usage.stderrText.contains("checks:set needs APP KEY [VALUE]"), usage.stderrText)

        XCTAssertTrue(try paas.ssh(["checks:set", "--global", "timeout"]).succeeded)
        XCTAssertEqual(try report("checks")["timeout"], "60")
        _ = try paas.ssh(["apps:destroy", other, "--force"])
    }

    func testTheDeployBranchSettingDecidesWhichPushDeploys() throws {
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        XCTAssertTrue(try paas.ssh(["git:set", app, "deploy-branch", "prod"]).succeeded)
        let repo = try Apps.staticPage("from prod\n")
        let main = try paas.push(repo, app: app)
        XCTAssertTrue(main.succeeded, main.summary)
        XCTAssertTrue(main.stderrText.contains("accepted, not deployed (\(app) deploys prod)"), main.stderrText)
        XCTAssertTrue(try paas.containers(app: app, role: "app").isEmpty)

        let prod = try paas.push(repo, app: app, ref: "main:prod")
        XCTAssertTrue(prod.succeeded, prod.summary)
        XCTAssertEqual(try paas.waitFor(app: app, body: "from prod\n").status, 200)
        XCTAssertEqual(try report("git")["deployed-commit"], try repo.head())
    }

    func testReleasesKeepBoundsTheImagesKeptForRollback() throws {
        XCTAssertFalse(try paas.ssh(["releases:set", app, "keep", "1"]).succeeded, "no such app yet")
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        XCTAssertTrue(try paas.ssh(["releases:set", app, "keep", "1"]).succeeded)
        let repo = try Apps.staticPage("one\n")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        try Apps.writeStaticPage(repo, "two\n")
        try repo.commit("two")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        XCTAssertEqual(try paas.waitFor(app: app, body: "two\n").status, 200)
        let tags = try paas.images(app: app).flatMap(\.repoTags).filter { $0.hasPrefix("paas/\(app):") }
        XCTAssertEqual(tags.count, 1, "only the live release keeps its image: \(tags)")
    }
}
