import DockerEngine
import Foundation
import PaasStore
import PaasSupport
import PaasTestSupport
import XCTest

/// Issue 14's attempts on limits and isolation, over real ssh, git and Docker: storage names and
/// path tricks, bad and abusive limits, oversize input and cross-app network access. Every
/// attempt is refused (commands in one line saying what is expected) and leaves the state as
/// it was: settings, formation, live release, storage folder, networks and containers.
final class LimitsAttemptsTests: XCTestCase {
    var paas: PaasHarness!
    private var store: Store!
    private(set) var attempts = 0

    override func setUpWithError() throws {
        paas = try PaasHarness("attempt")
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private var app: String { paas.id.value }
    private var other: String { paas.id.name("b") }

    /// What an attempt must not change.
    private struct Snapshot: Equatable {
        var settings: [[String: String]]
        var formation: [String: Int]
        var live: Int?
        var storage: [String]
        var networks: [String]
        var containers: Set<String>
    }

    private func snapshot() throws -> Snapshot {
        let storage = (try? FileManager.default.subpathsOfDirectory(atPath: paas.rootPath + "/storage")) ?? []
        return Snapshot(
            settings: try [app, other, Store.globalSettings].map { try store.settings($0) },
            formation: try store.formation(app), live: try store.liveRelease(app)?.version, storage: storage.sorted(),
            networks: try paas.docker.listNetworks(labels: paas.id.labels).sorted(),
            containers: Set(try paas.containers().filter { $0.state == "running" }.map(\.id)))
    }

    private func deploy(_ app: String, page: String) throws {
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        XCTAssertTrue(try paas.ssh(["checks:set", app, "settle", "0"]).succeeded)
        let push = try paas.push(try Apps.staticPage(page), app: app)
        XCTAssertTrue(push.succeeded, push.summary)
    }

    /// Runs `words` over ssh: it must fail with one line naming `expected`, and change nothing.
    private func refused(_ words: [String], _ expected: String, file: StaticString = #filePath, line: UInt = #line)
        throws
    {
        attempts += 1
        let before = try snapshot()
        let result = try paas.ssh(words)
        let said = result.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
        let what = words.joined(separator: " ")
        XCTAssertFalse(result.succeeded, "\(what) was accepted: \(result.summary)", file: file, line: line)
        XCTAssertFalse(
            said.contains("\n") || said.isEmpty, "\(what): one line expected: \(said)", file: file, line: line)
        XCTAssertTrue(said.contains(expected), "\(what): '\(expected)' not in: \(said)", file: file, line: line)
        XCTAssertEqual(try snapshot(), before, "\(what) changed the state", file: file, line: line)
    }

    /// Runs `script` in a one-off container of `app`: it must not get an HTTP answer.
    private func unreachable(_ app: String, _ script: String, file: StaticString = #filePath, line: UInt = #line) throws
    {
        attempts += 1
        let before = try snapshot()
        let result = try paas.ssh(["run", app, script])
        XCTAssertFalse(result.succeeded, "\(script) reached it: \(result.summary)", file: file, line: line)
        XCTAssertFalse(result.stdoutText.contains("HTTP/1."), result.summary, file: file, line: line)
        XCTAssertEqual(try snapshot(), before, file: file, line: line)
    }

    /// Pushes `repo`: the push must be refused saying `expected`, and A must keep serving.
    private func pushRefused(_ repo: GitFixture, _ expected: String, file: StaticString = #filePath, line: UInt = #line)
        throws
    {
        attempts += 1
        let before = try snapshot()
        let result = try paas.push(repo, app: app, force: true)
        XCTAssertFalse(result.succeeded, result.summary, file: file, line: line)
        XCTAssertTrue(
            result.stderrText.contains(expected), "'\(expected)' not in: \(result.summary)", file: file, line: line)
        XCTAssertEqual(try snapshot(), before, file: file, line: line)
        XCTAssertEqual(try paas.get(app: app).body, "attempted\n", file: file, line: line)
    }

    func testLimitsAndIsolationAttemptsAreAllRefusedWithStateUnchanged() throws {
        try deploy(app, page: "attempted\n")
        try deploy(other, page: "other\n")
        store = try Store(root: StateRoot(path: paas.rootPath))
        XCTAssertTrue(try paas.ssh(["storage:ensure-directory", "ok"]).succeeded)
        try FileManager.default.createSymbolicLink(
            atPath: paas.rootPath + "/storage/escape", withDestinationPath: "/etc")

        // Storage names: never a path, never outside the storage folder.
        for name in [
            "../escape", "..", ".", "a/b", "/etc", "UPPER", "-rf", "a b", "x;touch /tmp/pwned", "$(id)",
            String(repeating: "n", count: 64), "escape",
        ] {
            let expected = ["escape": "not a plain folder", "-rf": "Missing expected argument '<name>'"][name]
            try refused(["storage:ensure-directory", name], expected ?? "invalid storage name '\(name)'")
        }
        // Mounts: only storage folders, only at ordinary container paths.
        for (mount, expected) in [
            ("/etc:/data", "invalid storage name"), ("../ok:/data", "invalid storage name"),
            ("ok:/proc/self", "system folder"), ("ok:relative", "absolute path"), ("ok:/data/../etc", "absolute path"),
            ("missing:/data", "no storage directory 'missing'"), ("ok:/data:rw", "absolute path"),
            ("ok:/", "absolute path"),
            ("ok:/etc/passwd", "system folder"), ("ok", "expected NAME:/container/path"),
            ("ok:/da ta", "absolute path"),
            ("escape:/data", "not a plain folder"), ("ok:/dev/sda", "system folder"),
        ] {
            try refused(["storage:mount", app, mount], expected)
        }
        try refused(["storage:mount", "no-such-app", "ok:/data"], "no-such-app")
        try refused(["storage:unmount", app, "ok:/data"], "has no mount ok:/data")

        // Limits: what a container may use is checked, and the instance cap holds.
        for (pairs, expected) in [
            (["memory=1k"], "at least 6m"), (["memory=-1"], "a size such as"), (["memory=2t"], "a size such as"),
            (["cpus=0"], "number of CPUs"), (["cpus=abc"], "number of CPUs"), (["cpus=1e9"], "number of CPUs"),
            (["pids=1"], "from 16 to"), (["pids=99999999999"], "from 16 to"), (["swap=1g"], "unknown limit 'swap'"),
            (["web", "memory"], "not a KEY=VALUE pair"), (["memory"], "no limits given"), ([], "no limits given"),
            (["memory=64m", "pids=0"], "from 16 to"),
        ] {
            try refused(["resource:limit", app] + pairs, expected)
        }
        try refused(["resource:limit", app, "we;b", "memory=64m"], "invalid process type")
        try refused(["resource:limit", "no-such-app", "memory=64m"], "no-such-app")
        for (key, value) in [
            ("max-instances", "0"), ("max-instances", "100000"), ("build-timeout", "-1"), ("build-timeout", "100000"),
            ("log-max-size", "1k"), ("log-max-file", "0"),
        ] {
            try refused(["resource:set", app, key, value], "expected")
        }
        try refused(["git:set", app, "max-input-size", "10b"], "at least 1m")
        try refused(["git:set", app, "max-input-size", "2t"], "a size such as")
        for scale in [["web=5000"], ["web=51"], ["web=1000"]] {
            try refused(["ps:scale", app] + scale, "at most 50")
        }
        try refused(["ps:scale", app, "web=99999999999999999999"], "whole number")

        // Cross-app network access: B's address, B's name, B's port through the host's side of
        // A's network; and a release task of A that tries is a failed deploy.
        let bWeb = try XCTUnwrap(try paas.containers(app: other, process: "web").first)
        let b = try XCTUnwrap(try paas.docker.inspectContainer(bWeb.id))
        let bAddress = try XCTUnwrap(b.addresses["paas-app-\(other)"])
        let bHostPort = try XCTUnwrap(b.hostPort(for: "5000/tcp"))
        try unreachable(app, LimitsAndIsolationTests.probe(bAddress))
        try unreachable(app, LimitsAndIsolationTests.probe(b.name))
        try unreachable(
            app,
            "gw=$(ip route | awk '/default/ {print $3}'); printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 $gw \(bHostPort) | grep HTTP/1."
        )
        try unreachable(app, "wget -q -O- http://\(other).paas.test:\(bHostPort)/")

        let repo = try Apps.staticPage("attempted\n")
        try repo.write(
            "Procfile", "web: httpd -f -p $PORT -h /www\nrelease: \(LimitsAndIsolationTests.probe(bAddress))\n")
        try repo.commit("release task reaching for B")
        try pushRefused(repo, "release task 'release' failed")

        // Oversize input, refused by size before it is read.
        try repo.write("Procfile", "web: httpd -f -p $PORT -h /www\n#" + String(repeating: "p", count: 1 << 20) + "\n")
        try repo.commit("huge Procfile")
        try pushRefused(repo, "at most 1048576 bytes (1 MiB) is read")
        try repo.remove("Procfile")
        try repo.write("Dockerfile", "FROM paas/busybox:latest\n#" + String(repeating: "d", count: 1 << 20) + "\n")
        try repo.commit("huge Dockerfile")
        try pushRefused(repo, "Dockerfile is 1048")
        try Apps.writeStaticPage(repo, "attempted\n")
        try repo.write("app.json", #"{"scripts":{}}"# + String(repeating: " ", count: 1 << 20))
        try repo.commit("huge app.json")
        try pushRefused(repo, "app.json is 1048")

        XCTAssertGreaterThanOrEqual(attempts, 60)
        print("limits and isolation attempts: \(attempts)")
    }
}
