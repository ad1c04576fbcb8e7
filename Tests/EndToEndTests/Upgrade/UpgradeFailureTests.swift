import Foundation
import PaasTestSupport
import XCTest

/// Issue 13: a failure injected at a step rolls the upgrade back: the old binaries, plugins and
/// database are back, the app keeps serving, and the status names the step, the command and
/// its output; the command exits non-zero.
final class UpgradeFailureTests: XCTestCase {
    override func setUp() { continueAfterFailure = false }

    /// Upgrades with `bundle` under load; checks the rollback left 0.1.0 fully in place.
    private func expectRollback(
        _ fixture: UpgradeFixture, bundle: String, app: String, step: Int, command: String, output: String,
        allowFailedRequests: Bool = false, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let before = fixture.hostBinaries()
        let traffic = TrafficWatch(fixture.paas, app: app, body: "steady\n")
        let result = try fixture.upgrade(bundle)
        let load = traffic.stop()
        XCTAssertFalse(result.succeeded, result.summary, file: file, line: line)
        XCTAssertTrue(
            result.stderrText.contains("rolled back, paas 0.1.0 is in place"), result.summary, file: file, line: line)
        XCTAssertTrue(result.stderrText.contains(command), result.summary, file: file, line: line)
        XCTAssertTrue(result.stderrText.contains(output), result.summary, file: file, line: line)
        if !allowFailedRequests {
            XCTAssertEqual(load.failed, 0, "requests failed: \(load.examples)", file: file, line: line)
        }
        XCTAssertEqual(fixture.state, "rolledBack", file: file, line: line)
        let failure = try XCTUnwrap(fixture.failure, file: file, line: line)
        XCTAssertEqual(failure["step"] as? Int, step, file: file, line: line)
        XCTAssertTrue((failure["command"] as? String)?.contains(command) == true, "\(failure)", file: file, line: line)
        XCTAssertTrue((failure["output"] as? String)?.contains(output) == true, "\(failure)", file: file, line: line)
        XCTAssertEqual(fixture.hostBinaries(), before, "the old binaries are back", file: file, line: line)
        XCTAssertEqual(try fixture.installedVersion(), "paas 0.1.0 (schema \(UpgradeFixture.schema))", file: file, line: line)
        XCTAssertEqual(try fixture.appliedSQLMigrations(), [], file: file, line: line)
        XCTAssertEqual(try fixture.paas.waitFor(app: app, body: "steady\n").body, "steady\n", file: file, line: line)
        try XCTUnwrap(fixture.paas.nginx, "the upgrade fixture runs nginx").test()
        XCTAssertTrue(
            try fixture.paas.paas(["config:set", app, "AFTER=1"]).succeeded, "changes are allowed again", file: file,
            line: line)
        try fixture.paas.waitFor(app: app, body: "steady\n")
    }

    func testAFailingMigrationRollsBack() throws {
        let fixture = try UpgradeFixture("upfail-migrate")
        defer { fixture.cleanup() }
        let app = try fixture.deployApp("steady\n")
        let bundle = try fixture.bundle(
            "0.2.0", migrations: ["0001-broken.sql": "ALTER TABLE noSuchTable ADD COLUMN x TEXT;\n"])
        try expectRollback(
            fixture, bundle: bundle, app: app, step: 4, command: "paas upgrade:migrate --sql",
            output: "migration 0001-broken.sql failed: no such table: noSuchTable")
        let status = try fixture.paas.ssh(["upgrade:status"])
        XCTAssertTrue(status.succeeded, status.summary)
        for text in [
            "failed at step 4; rolled back, paas 0.1.0 is in place", "4 migrate | failed:", "step: 4 (migrate)",
            "command: paas upgrade:migrate --sql", "no such table: noSuchTable", "rollback database | done:",
        ] {
            XCTAssertTrue(status.stdoutText.contains(text), "\(text) missing from: \(status.stdoutText)")
        }
    }

    func testABinaryThatDoesNotStartRollsBackOrIsRefused() throws {
        let fixture = try UpgradeFixture("upfail-binary")
        defer { fixture.cleanup() }
        let app = try fixture.deployApp("steady\n")
        // paas-pre-receive (every push runs it) is broken: step 6 runs it and rolls back.
        let hook = try fixture.bundle("0.2.0", binDir: try fixture.binariesWithBroken("paas-pre-receive"))
        try expectRollback(
            fixture, bundle: hook, app: app, step: 6, command: "paas-pre-receive --version",
            output: "paas-pre-receive: cannot start (a broken build)")

        // paas itself is broken: the bundle is refused before anything starts.
        let broken = try fixture.binariesWithBroken("paas")
        let packaged = try? Run.command(
            TestPaths.scripts + "/package.sh", ["--bin-dir", broken, "--version", "0.2.1", "--out", fixture.work.path])
        XCTAssertFalse(packaged?.succeeded ?? false, "package.sh checks the binary it packages")
        let before = fixture.hostBinaries()
        let refused = try fixture.upgrade(try Self.repack(hook, replacingPaasWith: broken + "/paas", in: fixture))
        XCTAssertFalse(refused.succeeded)
        XCTAssertTrue(refused.stderrText.contains("the bundle's paas does not run here"), refused.summary)
        XCTAssertTrue(refused.stderrText.contains("version --format json"), refused.summary)
        XCTAssertTrue(refused.stderrText.contains("paas: cannot start (a broken build)"), refused.summary)
        XCTAssertEqual(fixture.hostBinaries(), before)
        XCTAssertEqual(try fixture.paas.get(app: app).body, "steady\n")
    }

    /// `bundle` with its bin/paas replaced by `paas`, SHA256SUMS made again (a broken release
    /// with honest checksums).
    static func repack(_ bundle: String, replacingPaasWith paas: String, in fixture: UpgradeFixture) throws -> String {
        let dir = try fixture.work.directory("repack-\(UUID().uuidString.prefix(6))")
        try Run.checked("tar", ["-xzf", bundle, "-C", dir])
        let script = """
            set -e
            cd "$1"/paas-*
            cp "$2" bin/paas
            find . -type f ! -name SHA256SUMS | LC_ALL=C sort | sed 's|^\\./||' | xargs -d '\\n' sha256sum > SHA256SUMS
            cd ..
            tar -czf ../broken.tar.gz paas-*
            """
        try Run.checked("/bin/sh", ["-c", script, "sh", dir, paas])
        return (dir as NSString).deletingLastPathComponent + "/broken.tar.gz"
    }

    func testAProxyConfigurationThatFailsValidationRollsBack() throws {
        let fixture = try UpgradeFixture("upfail-proxy")
        defer { fixture.cleanup() }
        let app = try fixture.deployApp("steady\n")
        let plugins = try fixture.nginxPlugin(
            prelude: "printf 'this is not nginx;\\n' > \"$PAAS_ROOT/proxy/000-new-release.conf\"")
        let bundle = try fixture.bundle("0.2.0", plugins: plugins)
        try expectRollback(
            fixture, bundle: bundle, app: app, step: 6, command: "paas upgrade:verify --expect",
            output: "unknown directive \"this\"")
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.paas.root.file("proxy/000-new-release.conf")))
    }

    func testAnAppThatStopsAnsweringRollsBack() throws {
        let fixture = try UpgradeFixture("upfail-app")
        defer { fixture.cleanup() }
        let app = try fixture.deployApp("steady\n")
        // The new proxy plugin sends every app to a port nothing listens on.
        let plugins = try fixture.nginxPlugin(
            prelude: """
                request=$(cat)
                printf '%s' "$request" | sed 's/"port":[0-9]*/"port":9/g' | "${PAAS_BIN_DIR:-/usr/local/bin}/paas-nginx" "$@"
                exit $?
                """)
        let bundle = try fixture.bundle("0.2.0", plugins: plugins)
        try expectRollback(
            fixture, bundle: bundle, app: app, step: 6, command: "paas upgrade:verify --expect",
            output: "\(app) answered 200 through the proxy before the upgrade and now answers 502",
            allowFailedRequests: true)
    }
}
