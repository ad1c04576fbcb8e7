import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// Issue 9, end to end: every amendment a trigger honours has an effect on a real deploy; bad
/// replies stop a deploy cleanly with one line naming the plugin, trigger and field; the
/// triggers that report changes and destroys fire with their payloads; `plugin:test` runs.
final class PluginContractTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws {
        paas = try PaasHarness("contract")
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

    private func data(_ plugin: String, _ file: String) -> String { paas.root.file("plugins/data/\(plugin)/\(file)") }

    /// Writes `text` to the plugin's data folder (paas creates the folder only before a run).
    private func put(_ text: String, _ plugin: String, _ file: String) throws {
        try FileManager.default.createDirectory(
            atPath: paas.root.file("plugins/data/\(plugin)"), withIntermediateDirectories: true)
        try text.write(toFile: data(plugin, file), atomically: true, encoding: .utf8)
    }

    /// The request a recording plugin saved, decoded.
    private func recorded(_ plugin: String, _ file: String) throws -> [String: Any] {
        let bytes = try XCTUnwrap(
            FileManager.default.contents(atPath: data(plugin, file)), "\(plugin) recorded no \(file)")
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
    }

    // MARK: - Amendments

    func testEveryAmendmentHasAnEffect() throws {
        let shared = try TempDir(prefix: "paas-mount")
        try shared.write("note.txt", "from the host\n")
        try install(
            PluginFolder(
                "amender",
                triggers: [
                    "pre-build": ["run": "bin/amend"], "container-create": ["run": "bin/amend"],
                    "health-check": ["run": "bin/amend"],
                ],
                scripts: [
                    "amend": """
                    case "$1" in
                    pre-build) echo '{"changes":{"buildArgs":{"GREETING":"built-with-arg"}}}' ;;
                    container-create)
                        echo '{"changes":{"env":{"REGION":"eu-test"},"labels":{"team":"web","paas.app":"stolen"},"mounts":["\(shared.path):/shared:ro"]}}' ;;
                    health-check)
                        cat > "$PAAS_ROOT/plugins/data/amender/health-check.json"
                        cat "$PAAS_ROOT/plugins/data/amender/checks.json" 2>/dev/null ;;
                    esac
                    """
                ]))
        try put(
            #"{"changes":{"checks":[{"name":"greeting","path":"/greeting.txt","status":200,"contains":"built-with-arg"}]}}"#,
            "amender", "checks.json")
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        XCTAssertTrue(try paas.ssh(["checks:set", app, "settle", "0"]).succeeded)
        let repo = try GitFixture()
        try repo.write(
            "Dockerfile",
            """
            FROM paas/busybox:latest
            ARG GREETING=no-build-arg
            COPY www /www
            RUN echo "$GREETING" > /www/greeting.txt
            CMD env > /www/env.txt; cat /shared/note.txt > /www/note.txt; exec httpd -f -p $PORT -h /www

            """)
        try repo.write("www/index.html", "amended\n")
        try repo.commit("amended app")
        let push = try paas.push(repo, app: app)
        XCTAssertTrue(push.succeeded, push.summary)
        XCTAssertEqual(try paas.waitFor(app: app, body: "amended\n").body, "amended\n")

        // buildArgs (pre-build): the Dockerfile's ARG got the plugin's value.
        XCTAssertEqual(try paas.get(app: app, path: "/greeting.txt").body, "built-with-arg\n")
        // env (container-create): the container runs with the plugin's variable.
        XCTAssertTrue(try paas.get(app: app, path: "/env.txt").body.contains("REGION=eu-test"))
        // mounts (container-create): the host folder is mounted read-only.
        XCTAssertEqual(try paas.get(app: app, path: "/note.txt").body, "from the host\n")
        // labels (container-create): added, except the reserved paas. ones.
        let container = try XCTUnwrap(try paas.containers(app: app).first)
        XCTAssertEqual(container.labels["team"], "web")
        XCTAssertEqual(container.labels["paas.app"], app)
        XCTAssertTrue(push.stderrText.contains("labels starting with paas."), push.stderrText)
        // checks (health-check): the plugin's check ran and passed...
        XCTAssertTrue(push.stderrText.contains("passed the plugin check greeting"), push.stderrText)
        // The health-check payload names the new container and where it listens.
        let targets = try XCTUnwrap(try recorded("amender", "health-check.json")["data"] as? [String: Any])
        let checked = try XCTUnwrap((targets["containers"] as? [[String: Any]])?.first)
        XCTAssertEqual(checked["id"] as? String, container.id)
        XCTAssertEqual(checked["process"] as? String, "web")
        XCTAssertEqual(checked["host"] as? String, "127.0.0.1")
        XCTAssertNotNil(checked["port"] as? Int)
        XCTAssertEqual(targets["release"] as? Int, 1)

        // ...and a plugin check that fails rejects the deploy; the old version keeps serving.
        try put(
            #"{"changes":{"checks":[{"name":"missing-page","path":"/nope.txt","attempts":2,"timeout":2}]}}"#, "amender",
            "checks.json")
        try repo.write("www/index.html", "never served\n")
        try repo.commit("second")
        let failed = try paas.push(repo, app: app)
        XCTAssertFalse(failed.succeeded, failed.summary)
        XCTAssertTrue(failed.stderrText.contains("failed its check (missing-page)"), failed.stderrText)
        XCTAssertTrue(failed.stderrText.contains("HTTP 404"), failed.stderrText)
        XCTAssertEqual(try paas.get(app: app).body, "amended\n")
        XCTAssertEqual(try paas.containers(app: app).count, 1)
    }

    // MARK: - Bad replies

    func testBadRepliesStopTheDeployCleanlyNamingPluginTriggerAndField() throws {
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        XCTAssertTrue(try paas.ssh(["checks:set", app, "settle", "0"]).succeeded)
        let repo = try Apps.staticPage("v1\n")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        XCTAssertEqual(try paas.waitFor(app: app, body: "v1\n").body, "v1\n")
        // One plugin, misbehaving on the trigger named in its data folder's `mode` file.
        try install(
            PluginFolder(
                "liar",
                triggers: [
                    "container-create": ["run": "bin/lie"], "health-check": ["run": "bin/lie"],
                    "pre-release": ["run": "bin/lie"], "deploy-failed": ["run": "bin/lie"],
                ],
                scripts: [
                    "lie": """
                    [ "$1" = deploy-failed ] && cat > "$PAAS_ROOT/plugins/data/liar/deploy-failed.json"
                    [ "$1" = "$(cat "$PAAS_ROOT/plugins/data/liar/mode")" ] || exit 0
                    case "$1" in
                    container-create) echo '{"changes":{"env":{"PORT":5000}}}' ;;
                    health-check) echo '{"action":"maybe"}' ;;
                    pre-release) head -c 1100000 /dev/zero | tr '\\0' x ;;
                    esac
                    """
                ]))
        // (trigger, the one line the pusher sees, the stage deploy-failed reports)
        let cases = [
            (
                "container-create",
                "plugin 'liar' failed on container-create: invalid reply: changes.env.PORT: expected a string, got 5",
                "health"
            ),
            (
                "health-check",
                #"plugin 'liar' failed on health-check: invalid reply: action: unknown action "maybe" (expected continue or stop)"#,
                "health"
            ),
            (
                "pre-release", "plugin 'liar' failed on pre-release: reply too large (over 1024 KiB on stdout)",
                "release"
            ),
        ]
        for (index, (trigger, message, stage)) in cases.enumerated() {
            try put(trigger, "liar", "mode")
            try Apps.writeStaticPage(repo, "v\(index + 2)\n")
            try repo.commit("v\(index + 2)")
            let push = try paas.push(repo, app: app)
            XCTAssertFalse(push.succeeded, "\(trigger): \(push.summary)")
            let lines = push.stderrText.split(separator: "\n").filter { $0.contains(message) }
            XCTAssertFalse(lines.isEmpty, "\(trigger): expected \(message) in \(push.stderrText)")
            XCTAssertEqual(try paas.get(app: app).body, "v1\n", "\(trigger): the old version keeps serving")
            let containers = try paas.containers(app: app)
            XCTAssertEqual(containers.count, 1, "\(trigger): no new container is left: \(containers.map(\.labels))")
            // deploy-failed reports where and why.
            let failed = try XCTUnwrap(try recorded("liar", "deploy-failed.json")["data"] as? [String: Any])
            XCTAssertEqual(failed["stage"] as? String, stage, trigger)
            XCTAssertTrue((failed["message"] as? String)?.contains(message) ?? false, "\(trigger): \(failed)")
        }
    }

    // MARK: - Triggers that report

    func testConfigAndDomainsChangesAreReportedWithTheirPayloads() throws {
        try install(
            PluginFolder(
                "watcher",
                triggers: ["config-changed": ["run": "bin/record"], "domains-changed": ["run": "bin/record"]],
                scripts: ["record": #"cat > "$PAAS_ROOT/plugins/data/watcher/$1.json""#]))
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        XCTAssertTrue(try paas.ssh(["checks:set", app, "settle", "0"]).succeeded)
        XCTAssertTrue(try paas.push(try Apps.staticPage("cfg\n"), app: app).succeeded)

        XCTAssertTrue(try paas.ssh(["config:set", app, "A=1", "B=2"]).succeeded)
        var request = try recorded("watcher", "config-changed.json")
        XCTAssertEqual(request["app"] as? String, app)
        var payload = try XCTUnwrap(request["data"] as? [String: Any])
        XCTAssertEqual(payload["set"] as? [String], ["A", "B"])
        XCTAssertEqual(payload["unset"] as? [String], [])
        XCTAssertEqual(payload["release"] as? Int, 2)
        XCTAssertEqual(payload["global"] as? Bool, false)

        XCTAssertTrue(try paas.ssh(["config:unset", app, "B"]).succeeded)
        payload = try XCTUnwrap(try recorded("watcher", "config-changed.json")["data"] as? [String: Any])
        XCTAssertEqual(payload["set"] as? [String], [])
        XCTAssertEqual(payload["unset"] as? [String], ["B"])
        XCTAssertEqual(payload["release"] as? Int, 3)

        XCTAssertTrue(try paas.ssh(["domains:add", app, "www.\(app).test"]).succeeded)
        request = try recorded("watcher", "domains-changed.json")
        XCTAssertEqual(request["app"] as? String, app)
        payload = try XCTUnwrap(request["data"] as? [String: Any])
        XCTAssertEqual(payload["domains"] as? [String], [paas.host(app), "www.\(app).test"])
        XCTAssertEqual(payload["added"] as? [String], ["www.\(app).test"])
        XCTAssertEqual(payload["removed"] as? [String], [])
    }

    func testDestroyCanBeRefusedFirstAndIsReportedAtTheEnd() throws {
        try install(
            PluginFolder(
                "keeper",
                triggers: [
                    "pre-app-destroy": ["run": "bin/keep"], "app-destroy": ["run": "bin/keep"],
                    "app-destroyed": ["run": "bin/keep"],
                ],
                scripts: [
                    "keep": """
                    dir="$PAAS_ROOT/plugins/data/keeper"
                    if [ "$1" = pre-app-destroy ] && [ -e "$dir/protect" ]; then
                        echo '{"action":"stop","message":"this app is protected"}'; exit 0
                    fi
                    if [ -e "$PAAS_ROOT/repos/$PAAS_APP.git" ]; then echo repo-present; else echo repo-gone; fi > "$dir/$1"
                    [ -e "$PAAS_ROOT/proxy/$PAAS_APP.conf" ] && echo proxy-present >> "$dir/$1"
                    exit 0
                    """
                ]))
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        XCTAssertTrue(try paas.ssh(["checks:set", app, "settle", "0"]).succeeded)
        XCTAssertTrue(try paas.push(try Apps.staticPage("keep me\n"), app: app).succeeded)
        XCTAssertEqual(try paas.waitFor(app: app, body: "keep me\n").body, "keep me\n")

        try put("", "keeper", "protect")
        let refused = try paas.ssh(["apps:destroy", app, "--force"])
        XCTAssertFalse(refused.succeeded, refused.summary)
        XCTAssertTrue(refused.stderrText.contains("this app is protected"), refused.summary)
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: data("keeper", "app-destroy")),
            "app-destroy fired for a refused destroy")
        XCTAssertNotNil(paas.proxyConfig(app: app), "a refused destroy keeps the proxy")
        XCTAssertEqual(try paas.get(app: app).body, "keep me\n")

        try FileManager.default.removeItem(atPath: data("keeper", "protect"))
        let destroyed = try paas.ssh(["apps:destroy", app, "--force"])
        XCTAssertTrue(destroyed.succeeded, destroyed.summary)
        // app-destroy: nothing removed yet (keeper runs before nginx: same order, names sorted).
        XCTAssertEqual(
            try String(contentsOfFile: data("keeper", "app-destroy"), encoding: .utf8), "repo-present\nproxy-present\n")
        XCTAssertEqual(try String(contentsOfFile: data("keeper", "app-destroyed"), encoding: .utf8), "repo-gone\n")
        XCTAssertNil(paas.proxyConfig(app: app), "nginx removed the app's block")
        XCTAssertEqual(try paas.containers(app: app).count, 0)
    }

    // MARK: - plugin:test

    func testPluginTestPassesShippedPluginsAndNamesEveryViolationOfABrokenOne() throws {
        let nginx = try paas.paas(["plugin:test", TestPaths.plugins + "/nginx", "--root", paas.rootPath])
        XCTAssertTrue(nginx.succeeded, nginx.summary)
        XCTAssertTrue(nginx.stderrText.contains("nginx: 16 runs, 0 violation(s)"), nginx.summary)
        let maintenance = try paas.paas(["plugin:test", TestPaths.plugins + "/maintenance"])
        XCTAssertTrue(maintenance.succeeded, maintenance.summary)

        let broken = try paas.paas(["plugin:test", TestPaths.repoRoot + "/Tests/Fixtures/broken-plugin"])
        XCTAssertEqual(broken.status, .exited(1), broken.summary)
        let kinds = Set(
            broken.stdoutText.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        XCTAssertEqual(
            kinds,
            [
                "invalid-reply", "bad-field", "unknown-action", "output-too-large", "hang", "crash", "exit-status",
                "unknown-fields", "amendment-not-honoured", "reserved-label", "stop-cannot-stop",
                "stop-without-message",
            ], broken.stdoutText)
        XCTAssertTrue(broken.stderrText.contains("plugin:test broken: 65 runs, 46 violation(s)"), broken.summary)

        let overSSH = try paas.ssh(["plugin:test", TestPaths.plugins + "/nginx"])
        XCTAssertFalse(overSSH.succeeded, overSSH.summary)
        XCTAssertTrue(
            overSSH.stderrText.contains("may not plugin:test (role admin): it is for root on the host only"), overSSH.summary)
    }
}
