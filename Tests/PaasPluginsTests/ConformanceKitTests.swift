import Foundation
import PaasPluginKit
import PaasPlugins
import PaasSupport
import PaasTestSupport
import XCTest

/// `plugin:test`'s kit on the shipped plugins (which conform) and on Tests/Fixtures/broken-plugin
/// (which breaks the protocol in every way the kit knows).
final class ConformanceKitTests: XCTestCase {
    var fixture: PluginFixture!
    override func setUpWithError() throws {
        try TestPaths.requireBuilt(TestPaths.binDirectory + "/paas-nginx")
        try TestPaths.requireBuilt(TestPaths.binDirectory + "/paas-haproxy")
        fixture = try PluginFixture()
    }
    override func tearDown() { fixture.remove() }

    private func kit() -> ConformanceKit {
        var environment = ProcessInfo.processInfo.environment
        environment["PAAS_BIN_DIR"] = TestPaths.binDirectory
        environment["PAAS_ROOT"] = fixture.root.path
        return ConformanceKit(root: fixture.root, environment: environment)
    }

    func testMaintenancePluginConforms() throws {
        let report = kit().test(TestPaths.plugins + "/maintenance")
        XCTAssertEqual(report.plugin, "maintenance")
        XCTAssertEqual(report.violations.map(\.description), [])
        XCTAssertEqual(report.runs, 9, "three commands, three requests each")
    }

    func testNginxPluginConformsWithAStandInNginx() throws {
        // The stand-in accepts every configuration and reloads nothing (`true`), so the plugin's
        // own path runs in full: it writes the server block of the sample request.
        let settings =
            #"{"domain":"paas.test","nginx":{"listen":"127.0.0.1:8080","test":["/bin/true"],"reload":["/bin/true"]}}"#
        try settings.write(toFile: fixture.root.settingsFile, atomically: true, encoding: .utf8)
        let report = kit().test(TestPaths.plugins + "/nginx")
        XCTAssertEqual(report.violations.map(\.description), [])
        XCTAssertEqual(
            report.runs, 16, "app-destroy: 5 requests; proxy-update: 6 (two valid samples); proxy-check: 5")
        let block = try String(contentsOfFile: fixture.root.proxy + "/web.conf", encoding: .utf8)
        XCTAssertTrue(block.contains("server 127.0.0.1:49153;"), block)
        XCTAssertTrue(block.contains("server_name web.example.com www.example.org;"), block)
    }

    func testHAProxyPluginConformsAgainstARealHAProxy() throws {
        // A real HAProxy set up from the plugin's own files: the sample request's routes are
        // switched in over its admin socket, and the app's file is what a restart would read.
        let haproxy = try TestHAProxy(stateRoot: fixture.root.path)
        defer { haproxy.stop() }
        let settings: [String: Any] = ["domain": "paas.test", "haproxy": haproxy.settings]
        try JSONSerialization.data(withJSONObject: settings).write(to: URL(fileURLWithPath: fixture.root.settingsFile))
        try haproxy.setup(environment: ["PAAS_ROOT": fixture.root.path])
        try haproxy.start()
        let report = kit().test(TestPaths.plugins + "/haproxy")
        XCTAssertEqual(report.plugin, "haproxy")
        XCTAssertEqual(report.violations.map(\.description), [])
        XCTAssertGreaterThan(report.runs, 10, "pre-build, proxy-update and app-destroy, several requests each")
    }

    func testBrokenPluginShowsEveryViolationKind() throws {
        let report = kit().test(TestPaths.repoRoot + "/Tests/Fixtures/broken-plugin")
        let kinds = Set(report.violations.map(\.kind))
        let expected: Set<Violation.Kind> = [
            .invalidReply, .badField, .unknownAction, .outputTooLarge, .hang, .crash, .exitStatus, .unknownFields,
            .amendmentNotHonoured, .reservedLabel, .stopOnNotify, .stopWithoutMessage,
        ]
        XCTAssertEqual(kinds, expected, report.violations.map(\.description).joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(kinds.count, 8)
        func first(_ kind: Violation.Kind) -> String? { report.violations.first { $0.kind == kind }?.description }
        XCTAssertEqual(
            first(.badField), "bad-field pre-build (valid): changes.buildArgs.VERSION: expected a string, got 5")
        XCTAssertEqual(first(.hang), "hang health-check (valid): still running after its timeout of 0.5 s (killed)")
        XCTAssertEqual(
            first(.unknownFields),
            "unknown-fields user-auth (unknown fields): the outcome changed (exit 0 → exit 0, stop); unknown fields must be ignored"
        )
        XCTAssertTrue(
            report.violations.contains { $0.kind == .hang && $0.target == "broken:wait" }, "commands are timed too")
        XCTAssertFalse(report.violations.contains { $0.target == "user-auth" && $0.kind != .unknownFields })
    }

    func testAnUnreadableManifestIsOneViolation() throws {
        let dir = try fixture.makePlugin("nameless", manifest: #"{"version":"1"}"#, files: [:])
        let report = kit().test(dir)
        XCTAssertEqual(report.violations.map(\.kind), [.manifest])
        XCTAssertEqual(report.runs, 0)
    }
}
