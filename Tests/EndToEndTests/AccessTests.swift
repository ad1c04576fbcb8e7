import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// Issue 14, end to end: what a role allows works, `acl:revoke` takes it back, the forced
/// command runs the installed paas, and `user-auth` plugins see the app a command acts on and
/// fail closed when broken.
final class AccessEndToEndTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws { paas = try PaasHarness("acl") }
    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private var app: String { paas.id.value }

    private func addKey(_ name: String, role: String? = nil) throws -> SSHKey {
        let key = try paas.sshd.makeKey(name)
        let added = try paas.paas(
            ["ssh-keys:add", name] + (role.map { ["--role", $0] } ?? []), stdin: Array((key.publicKey + "\n").utf8))
        XCTAssertTrue(added.succeeded, added.summary)
        return key
    }

    func testAGrantLetsAKeyDeployAndARevokeTakesItBack() throws {
        let dev = try addKey("dev")
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        XCTAssertTrue(try paas.ssh(["checks:set", app, "settle", "0"]).succeeded)
        let repo = try Apps.staticPage("by dev\n")
        let refused = try paas.push(repo, app: app, key: dev)
        XCTAssertFalse(refused.succeeded, refused.summary)
        XCTAssertTrue(refused.stderrText.contains("dev may not push \(app) (role none)"), refused.summary)

        let grant = try paas.ssh(["acl:grant", app, "dev", "deploy"])
        XCTAssertTrue(grant.succeeded, grant.summary)
        let list = try paas.ssh(["acl:list", app, "--format", "json"])
        XCTAssertTrue(list.stdoutText.contains(#""role" : "deploy""#), list.summary)
        let push = try paas.push(repo, app: app, key: dev)
        XCTAssertTrue(push.succeeded, push.summary)
        XCTAssertEqual(try paas.waitFor(app: app, body: "by dev\n").body, "by dev\n")
        let set = try paas.ssh(["config:set", app, "--no-restart", "WHO=dev"], key: dev)
        XCTAssertTrue(set.succeeded, set.summary)
        let apps = try paas.ssh(["apps:list"], key: dev)
        XCTAssertTrue(apps.stdoutText.contains(app), apps.summary)

        XCTAssertTrue(try paas.ssh(["acl:revoke", app, "dev"]).succeeded)
        let after = try paas.ssh(["config:get", app, "WHO"], key: dev)
        XCTAssertEqual(after.status, .exited(1), after.summary)
        XCTAssertEqual(after.stderrText, "paas: dev may not config:get \(app) (role none)\n")
        XCTAssertEqual(try paas.get(app: app).body, "by dev\n", "the app keeps serving")
    }

    func testTheForcedCommandRunsTheInstalledPaasWhereverKeysWereAddedFrom() throws {
        // ssh-keys:add run from a copy of paas elsewhere (a build folder that goes away).
        let elsewhere = try TempDir(prefix: "paas-copy")
        let copy = elsewhere.file("paas")
        try FileManager.default.copyItem(atPath: TestPaths.paas, toPath: copy)
        let key = try paas.sshd.makeKey("copied")
        let added = try Run.command(
            copy, ["ssh-keys:add", "copied", "--role", "admin"], environment: paas.environment,
            stdin: Array((key.publicKey + "\n").utf8))
        XCTAssertTrue(added.succeeded, added.summary)
        try FileManager.default.removeItem(atPath: copy)
        let keys = try String(contentsOfFile: paas.root.file(".ssh/authorized_keys"), encoding: .utf8)
        XCTAssertFalse(keys.contains(elsewhere.path), keys)
        XCTAssertTrue(keys.contains("exec \(TestPaths.paas) ssh-entry copied"), keys)
        let version = try paas.ssh(["version"], key: key)
        XCTAssertTrue(version.succeeded, version.summary)

        // Without an installed paas there is nothing to pin the key to: refused, nothing written.
        var settings = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: paas.root.file("settings.json"))))
                as? [String: Any])
        settings["paasBinary"] = "/nonexistent/paas"
        try paas.root.write("settings.json", Array(try JSONSerialization.data(withJSONObject: settings)))
        let other = try paas.sshd.makeKey("other")
        let refused = try paas.paas(["ssh-keys:add", "other"], stdin: Array((other.publicKey + "\n").utf8))
        XCTAssertFalse(refused.succeeded, refused.summary)
        XCTAssertTrue(
            refused.stderrText.contains("would run /nonexistent/paas, which is not an executable"), refused.summary)
        XCTAssertEqual(try String(contentsOfFile: paas.root.file(".ssh/authorized_keys"), encoding: .utf8), keys)
    }

    func testUserAuthSeesTheAppTheCommandActsOnAndABrokenGuardRefusesEverything() throws {
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        let secret = paas.id.name("secret")
        XCTAssertTrue(try paas.ssh(["apps:create", secret]).succeeded)
        let plugin = try PluginFolder(
            "guard", triggers: ["user-auth": ["run": "bin/auth"]],
            scripts: [
                "auth": """
                request=$(cat)
                if printf '%s' "$request" | grep -q '"app" *: *"\(secret)"'; then
                    echo '{"action":"stop","message":"\(secret) is off limits"}'
                fi
                """
            ])
        XCTAssertTrue(try paas.paas(["plugin:install", plugin.path]).succeeded)
        // `-p web`: the value of -p, not the app; the app is `secret`.
        let logs = try paas.ssh(["logs", "-p", app, secret])
        XCTAssertFalse(logs.succeeded, logs.summary)
        XCTAssertTrue(logs.stderrText.contains("logs refused by plugin 'guard': \(secret) is off limits"), logs.summary)
        XCTAssertTrue(try paas.ssh(["logs", app]).succeeded)

        // Broken by hand: every command is refused, over ssh and on the host, until it is fixed.
        try "{\"name\":\"guard\",\"triggers\":{\"user-auth\":".write(
            toFile: paas.root.file("plugins/available/guard/plugin.json"), atomically: true, encoding: .utf8)
        for result in [try paas.ssh(["apps:list"]), try paas.paas(["apps:list"]), try paas.ssh(["version"])] {
            XCTAssertEqual(result.status, .exited(1), result.summary)
            XCTAssertTrue(
                result.stderrText.contains("a user-auth plugin is broken and every command is refused"), result.summary)
            XCTAssertTrue(result.stderrText.contains("plugin 'guard'"), result.summary)
        }
        let push = try paas.push(try Apps.staticPage("x\n"), app: app)
        XCTAssertFalse(push.succeeded, push.summary)
        XCTAssertTrue(push.stderrText.contains("a user-auth plugin is broken"), push.summary)
        let disable = try paas.paas(["plugin:disable", "guard"])
        XCTAssertTrue(disable.succeeded, "root fixes it on the host: \(disable.summary)")
        XCTAssertTrue(try paas.ssh(["apps:list"]).succeeded)
    }
}
