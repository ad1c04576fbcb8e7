import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// Issue 6, end to end: plugins installed from a folder, fired by a real `git push` and real ssh
/// commands, stopping or warning as the protocol says; the nginx plugin routes traffic.
final class PluginsTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws {
        paas = try PaasHarness("plug")
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private var app: String { paas.id.value }

    private func install(_ plugin: PluginFolder, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try paas.paas(["plugin:install", plugin.path])
        XCTAssertTrue(result.succeeded, "plugin:install \(plugin.name): \(result.summary)", file: file, line: line)
    }

    /// Creates the app, makes rollouts quick and deploys a static page saying `page`.
    private func deployed(_ page: String) throws -> GitFixture {
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        XCTAssertTrue(try paas.ssh(["checks:set", app, "settle", "0"]).succeeded)
        let repo = try Apps.staticPage(page)
        let push = try paas.push(repo, app: app)
        XCTAssertTrue(push.succeeded, push.summary)
        XCTAssertEqual(try paas.waitFor(app: app, body: page).body, page)
        return repo
    }

    // MARK: - Triggers and commands

    func testPostDeployTriggerReceivesTheDeployAsJSON() throws {
        try install(
            PluginFolder(
                "recorder", triggers: ["post-deploy": ["run": "bin/record"]],
                scripts: ["record": #"cat > "$PAAS_ROOT/plugins/data/recorder/$PAAS_APP-$1.json""#]))
        let list = try paas.paas(["plugin:list"])
        XCTAssertTrue(list.stdoutText.contains("recorder"), list.summary)

        let repo = try deployed("recorded\n")
        let commit = try repo.head()
        let file = paas.root.file("plugins/data/recorder/\(app)-post-deploy.json")
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: file), "the post-deploy trigger wrote no request")
        let request = try XCTUnwrap(try JSONSerialization.jsonObject(with: bytes) as? [String: Any], String(decoding: bytes, as: UTF8.self))
        XCTAssertEqual(request["name"] as? String, "post-deploy")
        XCTAssertEqual(request["kind"] as? String, "trigger")
        XCTAssertEqual(request["protocol"] as? Int, 1)
        XCTAssertEqual(request["app"] as? String, app)
        let data = try XCTUnwrap(request["data"] as? [String: Any])
        XCTAssertEqual(data["release"] as? Int, 1)
        XCTAssertEqual(data["commit"] as? String, commit)
        XCTAssertEqual(data["image"] as? String, "paas/\(app):v1")

        try Apps.writeStaticPage(repo, "recorded again\n")
        let second = try repo.commit("again")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        let again = try JSONSerialization.jsonObject(with: try XCTUnwrap(FileManager.default.contents(atPath: file))) as? [String: Any]
        let againData = try XCTUnwrap(again?["data"] as? [String: Any])
        XCTAssertEqual(againData["release"] as? Int, 2)
        XCTAssertEqual(againData["commit"] as? String, second)
    }

    func testPluginCommandRunsOverSSHWithArgumentsAndExitCode() throws {
        try install(
            PluginFolder(
                "hello", commands: ["hello:say": ["run": "bin/say", "help": "Say hello to the test"]],
                scripts: ["say": #"printf '[%s]' "$@"; echo; echo "to stderr" >&2; exit 3"#]))
        let result = try paas.ssh(["hello:say", "big world", "it's"])
        XCTAssertEqual(result.status, .exited(3), result.summary)
        XCTAssertEqual(result.stdoutText, "[hello:say][big world][it's]\n")
        XCTAssertTrue(result.stderrText.contains("to stderr"), result.summary)

        let help = try paas.ssh(["help"])
        XCTAssertTrue(help.succeeded, help.summary)
        XCTAssertTrue(help.stdoutText.contains("hello:say"), help.stdoutText)
        XCTAssertTrue(help.stdoutText.contains("Say hello to the test"), help.stdoutText)

        let unknown = try paas.ssh(["hello:shout"])
        XCTAssertFalse(unknown.succeeded, unknown.summary)
    }

    func testPreBuildStopRejectsThePushWithItsMessage() throws {
        let repo = try deployed("before the freeze\n")
        try install(
            PluginFolder(
                "freezer", triggers: ["pre-build": ["run": "bin/freeze"]],
                scripts: ["freeze": #"echo '{"action":"stop","message":"frozen by policy"}'"#]))
        try Apps.writeStaticPage(repo, "after the freeze\n")
        try repo.commit("frozen")
        let push = try paas.push(repo, app: app)
        XCTAssertFalse(push.succeeded, push.summary)
        XCTAssertTrue(push.stderrText.contains("frozen by policy"), push.stderrText)
        XCTAssertTrue(push.stderrText.contains("plugin 'freezer'"), push.stderrText)
        XCTAssertEqual(try paas.get(app: app).body, "before the freeze\n")
        XCTAssertEqual(try paas.containers(app: app).count, 1)
    }

    func testUserAuthPluginRefusesOneCommand() throws {
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        try install(
            PluginFolder(
                "guard", triggers: ["user-auth": ["run": "bin/auth"]],
                scripts: [
                    "auth": """
                    request=$(cat)
                    if printf '%s' "$request" | grep -q '"command" *: *"config:set"'; then
                        echo '{"action":"stop","message":"config is frozen here"}'
                    fi
                    """
                ]))
        let set = try paas.ssh(["config:set", app, "A=1"])
        XCTAssertNotEqual(set.status, .exited(0), set.summary)
        XCTAssertTrue(set.stderrText.contains("config is frozen here"), set.summary)
        XCTAssertTrue(set.stderrText.contains("config:set refused by plugin 'guard'"), set.summary)
        XCTAssertFalse(set.stderrText.contains("ExitCodeError"), "one plain line for the user: \(set.summary)")

        let get = try paas.ssh(["config:get", app, "A"])
        XCTAssertEqual(get.status, .exited(1), "A stays unset: \(get.summary)")
        let list = try paas.ssh(["apps:list"])
        XCTAssertTrue(list.succeeded, "other commands run: \(list.summary)")
        XCTAssertTrue(list.stdoutText.contains(app), list.summary)
    }

    // MARK: - Misbehaving plugins

    func testHangingPreBuildPluginIsKilledAtItsTimeout() throws {
        let repo = try deployed("steady\n")
        try install(
            PluginFolder(
                "sloth", triggers: ["pre-build": ["run": "bin/hang", "timeout": 1]], scripts: ["hang": "sleep 60"]))
        try Apps.writeStaticPage(repo, "never\n")
        try repo.commit("blocked")
        let started = ContinuousClock.now
        let push = try paas.push(repo, app: app)
        XCTAssertFalse(push.succeeded, push.summary)
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(30), "the plugin is killed at its timeout")
        XCTAssertTrue(push.stderrText.contains("plugin 'sloth'"), push.stderrText)
        XCTAssertTrue(push.stderrText.contains("timed out after 1"), push.stderrText)
        XCTAssertEqual(try paas.get(app: app).body, "steady\n")
        XCTAssertEqual(try paas.containers(app: app).count, 1)
    }

    func testCrashingPostDeployPluginOnlyWarns() throws {
        let repo = try deployed("one\n")
        try install(
            PluginFolder(
                "crasher", triggers: ["post-deploy": ["run": "bin/crash"]],
                scripts: ["crash": #"echo "going down" >&2; kill -SEGV $$"#]))
        try Apps.writeStaticPage(repo, "two\n")
        try repo.commit("two")
        let push = try paas.push(repo, app: app)
        XCTAssertTrue(push.succeeded, push.summary)
        XCTAssertTrue(push.stderrText.contains("plugin 'crasher' failed on post-deploy"), "a warning names the plugin: \(push.stderrText)")
        XCTAssertTrue(push.stderrText.contains("going down"), push.stderrText)
        XCTAssertEqual(try paas.waitFor(app: app, body: "two\n").body, "two\n")
    }

    func testPluginWithoutExecBitIsRefused() throws {
        let plugin = try PluginFolder(
            "lazy", triggers: ["post-deploy": ["run": "bin/run"]], scripts: ["run": "exit 0"], notExecutable: ["run"])
        let result = try paas.paas(["plugin:install", plugin.path])
        XCTAssertFalse(result.succeeded, result.summary)
        XCTAssertTrue(result.stderrText.contains("plugin 'lazy'"), result.summary)
        XCTAssertTrue(result.stderrText.contains("not executable"), result.summary)
        XCTAssertFalse(try paas.paas(["plugin:list"]).stdoutText.contains("lazy"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: paas.root.file("plugins/enabled/lazy")))
    }

    // MARK: - The shipped plugins

    func testMaintenancePluginServesAPageThroughNginx() throws {
        _ = try deployed("in service\n")
        let installed = try paas.paas(["plugin:install", TestPaths.plugins + "/maintenance"])
        XCTAssertTrue(installed.succeeded, installed.summary)

        let on = try paas.ssh(["maintenance:on", app, "back at noon"])
        XCTAssertTrue(on.succeeded, on.summary)
        let down = try paas.proxy.waitFor(host: paas.host(app), status: 503)
        XCTAssertEqual(down.status, 503, down.body)
        XCTAssertTrue(down.body.contains("back at noon"), down.body)

        let off = try paas.ssh(["maintenance:off", app])
        XCTAssertTrue(off.succeeded, off.summary)
        XCTAssertEqual(try paas.waitFor(app: app, body: "in service\n").body, "in service\n")
    }
}
