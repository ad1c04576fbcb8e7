import Foundation
import PaasPluginKit
import PaasPlugins
import XCTest

final class RunnerTests: XCTestCase {
    var fixture: PluginFixture!
    override func setUpWithError() throws { fixture = try PluginFixture() }
    override func tearDown() { fixture.remove() }

    func testContinueOnEmptyReplyAndRequestArrives() throws {
        let seen = fixture.base + "/seen"
        try fixture.installTrigger(
            "quiet",
            script: #"cat > "\#(seen)"; echo "$1 $PAAS_TRIGGER $PAAS_APP $PAAS_PROTOCOL" >> "\#(seen)"; echo hello >&2"#)
        let stderr = StderrBox()
        let outcome = fixture.runner(stderr: stderr).fire(.postDeploy, app: "web", payload: PostDeploy.samples[0])
        XCTAssertTrue(outcome.shouldContinue)
        XCTAssertEqual(outcome.ran, ["quiet"])
        XCTAssertEqual(stderr.text, "hello\n")
        let lines = try String(contentsOfFile: seen, encoding: .utf8).split(separator: "\n")
        let request = try Plugin.decode(Array(lines[0].utf8))
        XCTAssertEqual(request.name, "post-deploy")
        XCTAssertEqual(request.app, "web")
        XCTAssertEqual(try request.payload(.postDeploy), PostDeploy.samples[0])
        XCTAssertEqual(request.paasVersion, "test")
        XCTAssertEqual(lines[1], "post-deploy post-deploy web 1")
    }

    func testStopWithMessage() throws {
        try fixture.installTrigger("guard", trigger: "user-auth", order: 1, script: #"echo '{"action":"stop","message":"key bob may not deploy"}'"#)
        let marker = fixture.base + "/after"
        try fixture.installTrigger("later", trigger: "user-auth", order: 2, script: "touch \(marker)")
        let outcome = fixture.runner().fire(.userAuth, app: "web", payload: UserAuth.samples[0])
        XCTAssertEqual(outcome.stop, .init(plugin: "guard", message: "key bob may not deploy"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "plugins after a stop must not start")
    }

    func testAmendEnvMergedInOrderAndFilteredByTrigger() throws {
        try fixture.installTrigger(
            "one", trigger: "container-create", order: 1,
            script: #"echo '{"action":"continue","changes":{"env":{"A":"1","B":"1"},"mounts":["/d:/d"],"buildArgs":{"X":"y"}}}'"#)
        try fixture.installTrigger(
            "two", trigger: "container-create", order: 2, script: #"echo '{"changes":{"env":{"B":"2"},"labels":{"l":"v"}}}'"#)
        let outcome = fixture.runner().fire(.containerCreate, app: "web", payload: ContainerCreate.samples[0])
        XCTAssertTrue(outcome.shouldContinue)
        XCTAssertEqual(outcome.changes, ContainerChanges(env: ["A": "1", "B": "2"], labels: ["l": "v"], mounts: ["/d:/d"]))
        XCTAssertEqual(outcome.warnings, ["plugin 'one': container-create ignores buildArgs in a reply"])
    }

    func testHangIsKilledAtTimeoutWithItsChildren() throws {
        let pidFile = fixture.base + "/child.pid"
        try fixture.installTrigger("hang", trigger: "pre-build", timeout: 0.5, script: "sleep 30 & echo $! > \(pidFile); wait")
        let clock = ContinuousClock()
        var outcome: TriggerOutcome<BuildChanges>!
        let elapsed = clock.measure { outcome = fixture.runner().fire(.preBuild, app: "web", payload: PreBuild.samples[0]) }
        XCTAssertEqual(outcome.stop?.plugin, "hang")
        XCTAssertEqual(outcome.stop?.message, "timed out after 0.5 s and was killed")
        XCTAssertLessThan(elapsed, .seconds(5))
        let pid = try Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))!
        usleep(200_000)
        // Dead, or a zombie waiting for init to reap it: either way no longer running.
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?
            .split(separator: ")").last?.split(separator: " ").first
        XCTAssertTrue(state == nil || state == "Z", "the plugin's child must die with it (state \(state ?? "?"))")
    }

    func testCrashStopsWithStderrTail() throws {
        try fixture.installTrigger("crash", trigger: "pre-release", script: "echo step one >&2; echo 'database unreachable' >&2; exit 3")
        let outcome = fixture.runner().fire(.preRelease, app: "web", payload: PreRelease.samples[0])
        XCTAssertEqual(outcome.stop, .init(plugin: "crash", message: "database unreachable", failed: true))
        try fixture.installTrigger("mute", trigger: "post-build", script: "exit 3")
        XCTAssertEqual(fixture.runner().fire(.postBuild, app: nil, payload: PostBuild.samples[0]).stop?.message, "exited with status 3")
    }

    func testFailureOnTriggerThatCannotStopIsAWarning() throws {
        try fixture.installTrigger("bad", order: 1, script: "exit 1")
        let marker = fixture.base + "/ran"
        try fixture.installTrigger("good", order: 2, script: "touch \(marker)")
        let outcome = fixture.runner().fire(.postDeploy, app: "web", payload: PostDeploy.samples[0])
        XCTAssertTrue(outcome.shouldContinue)
        XCTAssertEqual(outcome.warnings, ["plugin 'bad' failed on post-deploy: exited with status 1"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: marker))
    }

    func testNonJSONReply() throws {
        try fixture.installTrigger("chatty", trigger: "pre-build", script: "echo 'Deploying now!'")
        let outcome = fixture.runner().fire(.preBuild, app: "web", payload: PreBuild.samples[0])
        XCTAssertEqual(outcome.stop?.plugin, "chatty")
        XCTAssertEqual(outcome.stop?.message, "reply is not a JSON reply object: Deploying now!")
    }

    func testReplyWithAWrongTypeOrUnknownActionNamesTheField() throws {
        try fixture.installTrigger(
            "typo", trigger: "container-create", script: #"echo '{"changes":{"env":{"A":5},"mounts":["/a:/a"]}}'"#)
        var outcome = fixture.runner().fire(.containerCreate, app: "web", payload: ContainerCreate.samples[0])
        XCTAssertEqual(
            outcome.stop, .init(plugin: "typo", message: "invalid reply: changes.env.A: expected a string, got 5", failed: true))
        try PluginRegistry(root: fixture.root).uninstall("typo")

        try fixture.installTrigger(
            "checks", trigger: "health-check", script: #"echo '{"changes":{"checks":[{"name":"a","path":"/"},{"name":"b"}]}}'"#)
        let checks = fixture.runner().fire(.healthCheck, app: "web", payload: HealthCheckTargets.samples[0])
        XCTAssertEqual(checks.stop?.message, "invalid reply: changes.checks[1].path: missing (a required field)")
        try PluginRegistry(root: fixture.root).uninstall("checks")

        try fixture.installTrigger("maybe", trigger: "container-create", script: #"echo '{"action":"maybe"}'"#)
        outcome = fixture.runner().fire(.containerCreate, app: "web", payload: ContainerCreate.samples[0])
        XCTAssertEqual(outcome.stop?.message, #"invalid reply: action: unknown action "maybe" (expected continue or stop)"#)
    }

    func testHugeReply() throws {
        try fixture.installTrigger("huge", trigger: "pre-build", script: "head -c 2000000 /dev/zero | tr '\\0' x")
        let outcome = fixture.runner().fire(.preBuild, app: "web", payload: PreBuild.samples[0])
        XCTAssertEqual(outcome.stop?.message, "reply too large (over 1024 KiB on stdout)")
    }

    func testMissingExecBitAtRunTime() throws {
        try fixture.installTrigger("lost", trigger: "pre-build", script: "exit 0")
        let installed = PluginRegistry(root: fixture.root).availableDirectory + "/lost/bin/run"
        XCTAssertTrue(fixture.runner().fire(.preBuild, app: "web", payload: PreBuild.samples[0]).shouldContinue)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: installed)
        let outcome = fixture.runner().fire(.preBuild, app: "web", payload: PreBuild.samples[0])
        XCTAssertEqual(outcome.stop, .init(plugin: "lost", message: "bin/run is not executable (chmod +x it)", failed: true))
        // Once the index is read afresh the broken plugin is skipped, loudly.
        try FileManager.default.removeItem(atPath: PluginRegistry(root: fixture.root).indexFile)
        let rescanned = fixture.runner().fire(.preBuild, app: "web", payload: PreBuild.samples[0])
        XCTAssertEqual(rescanned.ran, [])
        XCTAssertEqual(
            rescanned.warnings, ["skipped: plugin 'lost': trigger 'pre-build': 'bin/run' is not executable (chmod +x bin/run)"])
    }

    func testOnlyDeclaredPluginsStartAndOrderIsRespected() throws {
        let log = fixture.base + "/log"
        try fixture.installTrigger("late", order: 90, script: "echo late >> \(log)")
        try fixture.installTrigger("early", order: 5, script: "echo early >> \(log)")
        try fixture.installTrigger("mid-b", order: 50, script: "echo mid-b >> \(log)")
        try fixture.installTrigger("mid-a", order: 50, script: "echo mid-a >> \(log)")
        try fixture.installTrigger("other", trigger: "pre-build", script: "echo other >> \(log)")
        let outcome = fixture.runner().fire(.postDeploy, app: "web", payload: PostDeploy.samples[0])
        XCTAssertEqual(outcome.ran, ["early", "mid-a", "mid-b", "late"])
        XCTAssertEqual(try String(contentsOfFile: log, encoding: .utf8), "early\nmid-a\nmid-b\nlate\n")
        XCTAssertEqual(fixture.runner().fire(.appCreate, app: "x", payload: NoPayload()).ran, [])
    }

    func testCommandGetsArgsEnvironmentAndExitCode() throws {
        let out = fixture.base + "/cmd"
        let manifest = #"{"name":"tool","version":"1","protocol":1,"commands":{"tool:go":{"run":"bin/go"}}}"#
        let dir = try fixture.makePlugin(
            "tool", manifest: manifest,
            files: ["bin/go": #"echo "$1|$2|$3|$PAAS_COMMAND|$PAAS_APP|$(pwd)" > "\#(out)"; echo "$PAAS_REQUEST" >> "\#(out)"; exit 7"#])
        try PluginRegistry(root: fixture.root).install(from: dir)
        let runner = fixture.runner()
        XCTAssertTrue(runner.hasCommand("tool:go"))
        XCTAssertEqual(try runner.runCommand("tool:go", args: ["web", "a b"], app: "web"), 7)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        let folder = PluginRegistry(root: fixture.root).availableDirectory + "/tool"
        XCTAssertEqual(String(lines[0]), "tool:go|web|a b|tool:go|web|\(URL(fileURLWithPath: folder).resolvingSymlinksInPath().path)")
        let request = try Plugin.decode(Array(lines[1].utf8))
        XCTAssertEqual(request.args, ["web", "a b"])
        XCTAssertEqual(request.kind, .command)
        XCTAssertThrowsError(try runner.runCommand("tool:nope", args: [], app: nil)) {
            XCTAssertEqual("\($0)", "no such command: tool:nope (no enabled plugin provides it)")
        }
    }
}
