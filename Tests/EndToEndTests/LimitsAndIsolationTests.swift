import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// Issue 14 (limits and isolation), end to end over real ssh, git, Docker and nginx: each app on
/// its own network, resource limits and hardening, the instance cap, input caps, persistent
/// storage, the build timeout and the cache volume on rename.
final class LimitsAndIsolationTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws {
        paas = try PaasHarness("limits")
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private var app: String { paas.id.value }

    private func ssh(_ words: [String], file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        let result = try paas.ssh(words)
        XCTAssertTrue(result.succeeded, "\(words.joined(separator: " ")): \(result.summary)", file: file, line: line)
        return result
    }

    private func deploy(_ app: String, page: String) throws {
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        _ = try ssh(["checks:set", app, "settle", "0"])
        let push = try paas.push(try Apps.staticPage(page), app: app)
        XCTAssertTrue(push.succeeded, push.summary)
        XCTAssertEqual(try paas.waitFor(app: app, body: page).body, page)
    }

    private func web(_ app: String) throws -> ContainerInspect {
        let summary = try XCTUnwrap(try paas.containers(app: app, process: "web").first { $0.state == "running" })
        return try XCTUnwrap(try paas.docker.inspectContainer(summary.id))
    }

    /// A shell line that asks `address`:5000 for `/` and prints the status line, or fails.
    static func probe(_ address: String) -> String {
        "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 \(address) 5000 | head -1 | grep HTTP/1."
    }

    // MARK: - Isolation

    func testAContainerOfOneAppCannotConnectToAnotherAppsContainer() throws {
        let other = paas.id.name("b")
        try deploy(app, page: "app a\n")
        try deploy(other, page: "app b\n")
        let b = try web(other)
        let bAddress = try XCTUnwrap(b.addresses["paas-app-\(other)"], "\(b.addresses)")
        XCTAssertEqual(Array(b.addresses.keys), ["paas-app-\(other)"], "only on its own network")
        XCTAssertEqual(Array(try web(app).addresses.keys), ["paas-app-\(app)"])

        // The probe works: from B's own network it reaches B.
        let own = try paas.ssh(["run", other, Self.probe(bAddress)])
        XCTAssertTrue(own.succeeded && own.stdoutText.contains("200"), own.summary)
        // From A's one-off run, neither B's address nor B's container name answers.
        let started = Date()
        let cross = try paas.ssh(["run", app, Self.probe(bAddress)])
        XCTAssertFalse(cross.succeeded, "A reached B at \(bAddress): \(cross.summary)")
        XCTAssertFalse(cross.stdoutText.contains("HTTP/1."), cross.summary)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
        let byName = try paas.ssh(["run", app, Self.probe(b.name)])
        XCTAssertFalse(byName.succeeded, byName.summary)

        // The proxy still reaches both through their loopback ports.
        XCTAssertEqual(try paas.get(app: app).body, "app a\n")
        XCTAssertEqual(try paas.get(app: other).body, "app b\n")

        _ = try ssh(["apps:destroy", other, "--force"])
        XCTAssertEqual(try paas.docker.listNetworks(labels: paas.id.labels), ["paas-app-\(app)"], "B's network went")
    }

    // MARK: - Resource limits

    func testLimitsApplyOnRestartAndEveryContainerIsHardened() throws {
        try deploy(app, page: "limited\n")
        let before = try web(app)
        XCTAssertEqual(before.host.memory, 1 << 30, "a default memory limit")
        XCTAssertEqual(before.host.pidsLimit, 1024)
        XCTAssertEqual(before.host.logOptions, ["max-size": "10m", "max-file": "3"])
        XCTAssertEqual(before.host.securityOpt, ["no-new-privileges"])
        XCTAssertTrue(before.host.capDrop.contains("NET_RAW"), "\(before.host.capDrop)")

        let set = try ssh(["resource:limit", app, "web", "memory=64m", "pids=100", "cpus=0.5"])
        XCTAssertTrue(set.stderrText.contains("memory=64m pids=100 cpus=0.5"), set.summary)
        _ = try ssh(["resource:limit", app, "memory=96m"])
        XCTAssertEqual(try web(app).host.memory, 1 << 30, "nothing changes before a restart")
        let report = try ssh(["resource:report", app, "--format", "json"])
        let rows = try JSONDecoder().decode([String: String].self, from: Data(report.stdout))
        XCTAssertEqual(rows["memory"], "96m")
        XCTAssertEqual(rows["memory.web"], "64m")
        XCTAssertEqual(rows["pids.web"], "100")

        _ = try ssh(["ps:restart", app])
        XCTAssertEqual(try paas.waitFor(app: app, body: "limited\n").body, "limited\n")
        let after = try web(app)
        XCTAssertEqual(after.host.memory, 64 << 20)
        XCTAssertEqual(after.host.pidsLimit, 100)
        XCTAssertEqual(after.host.nanoCpus, 500_000_000)

        // A one-off run gets the app's limits (no type of its own) and the same hardening.
        let inside = try ssh([
            "run", app,
            "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes; "
                + "grep -E 'CapEff|NoNewPrivs' /proc/self/status",
        ])
        let lines = inside.stdoutText.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(lines.first, String(96 << 20), inside.summary)
        XCTAssertTrue(lines.contains { $0.hasPrefix("NoNewPrivs:") && $0.hasSuffix("1") }, inside.summary)
        let caps = try XCTUnwrap(
            lines.first { $0.hasPrefix("CapEff:") }.flatMap { UInt64($0.split(separator: "\t").last ?? "", radix: 16) })
        for bit in [13, 27, 29, 18] {  // NET_RAW, MKNOD, AUDIT_WRITE, SYS_CHROOT
            XCTAssertEqual(caps & (1 << UInt64(bit)), 0, "capability bit \(bit) is dropped: \(inside.summary)")
        }
        XCTAssertNotEqual(caps & (1 << 10), 0, "NET_BIND_SERVICE stays")
    }

    func testScalingPastTheInstanceCapIsRefusedAndNothingChanges() throws {
        try deploy(app, page: "capped\n")
        let refused = try paas.ssh(["ps:scale", app, "web=5000"])
        XCTAssertFalse(refused.succeeded)
        XCTAssertEqual(
            refused.stderrText.trimmingCharacters(in: .whitespacesAndNewlines),
            "paas: 5000 instances is more than \(app) may run (at most 50, all process types together; "
                + "an admin can raise it with resource:set \(app) max-instances N)")
        XCTAssertEqual(try paas.containers(app: app, role: "app").count, 1)
        _ = try ssh(["resource:set", app, "max-instances", "2"])
        XCTAssertFalse(try paas.ssh(["ps:scale", app, "web=3"]).succeeded)
        _ = try ssh(["ps:scale", app, "web=2"])
        XCTAssertEqual(try paas.containers(app: app, process: "web").count, 2)
    }

    // MARK: - Input caps

    func testOversizeFilesAndPushesAreRefusedAndTheLiveVersionKeepsServing() throws {
        try deploy(app, page: "still here\n")
        let repo = try Apps.staticPage("still here\n")
        try repo.write("Procfile", "web: httpd -f -p $PORT -h /www\n# " + String(repeating: "x", count: 1 << 20) + "\n")
        try repo.commit("huge Procfile")
        let procfile = try paas.push(repo, app: app, force: true)
        XCTAssertFalse(procfile.succeeded)
        XCTAssertTrue(procfile.stderrText.contains("Procfile is 1048"), procfile.summary)
        XCTAssertTrue(procfile.stderrText.contains("at most 1048576 bytes (1 MiB) is read"), procfile.summary)
        try repo.remove("Procfile")
        try repo.write("app.json", "{" + String(repeating: " ", count: 2 << 20) + "}")
        try repo.commit("huge app.json")
        let appJSON = try paas.push(repo, app: app, force: true)
        XCTAssertFalse(appJSON.succeeded)
        XCTAssertTrue(appJSON.stderrText.contains("app.json is 2097154 bytes"), appJSON.summary)
        XCTAssertEqual(try paas.get(app: app).body, "still here\n")

        _ = try ssh(["git:set", app, "max-input-size", "1m"])
        try repo.remove("app.json")
        var noise = SystemRandomNumberGenerator()
        let random = (0..<(3 << 20) / 8).map { _ in String(noise.next() as UInt64, radix: 36) }.joined()
        try repo.write("www/blob.txt", random)
        try repo.commit("3 MiB of noise")
        let big = try paas.push(repo, app: app, force: true)
        XCTAssertFalse(big.succeeded)
        XCTAssertTrue(big.stderrText.contains("pack exceeds maximum allowed size"), big.summary)
        XCTAssertEqual(try paas.get(app: app).body, "still here\n")
        XCTAssertEqual(try paas.containers(app: app, role: "app").count, 1)
    }

    func testABuildOverItsTimeoutIsStoppedAndLeavesNothing() throws {
        try deploy(app, page: "before the slow build\n")
        _ = try ssh(["resource:set", app, "build-timeout", "3"])
        let repo = try Apps.staticPage("never\n")
        try repo.write(
            "Dockerfile", "FROM paas/busybox:latest\nRUN sleep 60\nCOPY www /www\nCMD httpd -f -p $PORT -h /www\n")
        try repo.commit("slow")
        let started = Date()
        let push = try paas.push(repo, app: app, force: true)
        XCTAssertFalse(push.succeeded)
        XCTAssertLessThan(Date().timeIntervalSince(started), 40)
        XCTAssertTrue(push.stderrText.contains("timed out after 3s"), push.summary)
        XCTAssertEqual(try paas.get(app: app).body, "before the slow build\n")
        let gone = try waitUntil(timeout: .seconds(30), every: .milliseconds(300)) {
            try self.paas.containers(app: self.app).allSatisfy { $0.labels["paas.role"] == "app" }
        }
        XCTAssertTrue(gone, "only the live app container is left")
    }

    // MARK: - Storage

    func testStorageIsMountedIntoRunsAndRestartsButNotBuilds() throws {
        try deploy(app, page: "stores\n")
        let made = try ssh(["storage:ensure-directory", "\(app)-data"])
        let host = paas.rootPath + "/storage/\(app)-data"
        XCTAssertTrue(made.stderrText.contains(host), made.summary)
        try "from the host\n".write(toFile: host + "/host.txt", atomically: true, encoding: .utf8)
        _ = try ssh(["storage:mount", app, "\(app)-data:/data"])
        let report = try ssh(["storage:report", app])
        XCTAssertTrue(report.stdoutText.contains("\(host) -> /data"), report.summary)

        let run = try ssh(["run", app, "cat /data/host.txt; echo from-run > /data/run.txt"])
        XCTAssertEqual(run.stdoutText, "from the host\n")
        XCTAssertEqual(try String(contentsOfFile: host + "/run.txt", encoding: .utf8), "from-run\n")
        _ = try ssh(["ps:restart", app])
        XCTAssertTrue(try web(app).host.binds.contains("\(host):/data"))

        // Builds never see it: a Dockerfile step that looks for /data/host.txt finds nothing.
        let repo = try Apps.staticPage("rebuilt\n")
        try repo.write(
            "Dockerfile",
            "FROM paas/busybox:latest\nRUN test ! -e /data/host.txt\nCOPY www /www\nCMD httpd -f -p $PORT -h /www\n")
        try repo.commit("check build")
        let push = try paas.push(repo, app: app, force: true)
        XCTAssertTrue(push.succeeded, push.summary)
        XCTAssertEqual(try paas.waitFor(app: app, body: "rebuilt\n").body, "rebuilt\n")

        _ = try ssh(["storage:unmount", app, "\(app)-data:/data"])
        _ = try ssh(["ps:restart", app])
        XCTAssertFalse(try web(app).host.binds.contains { $0.hasSuffix(":/data") })
        XCTAssertTrue(FileManager.default.fileExists(atPath: host + "/run.txt"), "unmount keeps the folder")
    }

    // MARK: - Rename

    func testRenameMovesTheBuildCacheAndLeavesNoneForTheOldName() throws {
        guard try paas.docker.inspectImage("paas/builder-python:latest") != nil else {
            throw XCTSkip("paas/builder-python:latest is missing; scripts/make-builder-image.sh makes it")
        }
        let renamed = paas.id.name("new")
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        _ = try ssh(["checks:set", app, "settle", "0"])
        let repo = try GitFixture()
        try Fixtures.pythonApp(repo, greeting: "cached")
        try repo.commit("python app")
        let first = try paas.push(repo, app: app)
        XCTAssertTrue(first.stderrText.contains("build number 1"), first.summary)

        _ = try ssh(["apps:rename", app, renamed])
        let volumes = try paas.docker.listVolumes(labels: paas.id.labels)
        XCTAssertEqual(volumes, ["paas-cache-\(renamed)"], "the cache moved with the app")
        try Fixtures.pythonApp(repo, greeting: "cached two")
        try repo.commit("two")
        let second = try paas.push(repo, app: renamed)
        XCTAssertTrue(second.stderrText.contains("build number 2"), "the cache came along: \(second.summary)")

        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        let fresh = try paas.push(repo, app: app)
        XCTAssertTrue(
            fresh.stderrText.contains("build number 1"), "a new app of the old name starts afresh: \(fresh.summary)")
    }
}
