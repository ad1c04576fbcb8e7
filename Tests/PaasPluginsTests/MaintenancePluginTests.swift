import Foundation
import PaasPlugins
import XCTest

/// The shipped plugins/maintenance, installed and driven like a user would.
final class MaintenancePluginTests: XCTestCase {
    func testOnOffReportKeepAFlagFile() throws {
        let fixture = try PluginFixture()
        defer { fixture.remove() }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let registry = PluginRegistry(root: fixture.root, reserved: ["apps:create"])
        let info = try registry.install(from: repo + "/plugins/maintenance")
        XCTAssertEqual(info.commands, ["maintenance:off", "maintenance:on", "maintenance:report"])
        // A stand-in `paas` in PAAS_BIN_DIR records how the plugin asks to re-apply the proxy.
        let bin = fixture.base + "/bin"
        let calls = fixture.base + "/paas-calls"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\necho \"$*\" >> '\(calls)'\n".write(toFile: bin + "/paas", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/paas")
        let runner = PluginRunner(
            registry: registry, processRunner: BinDirRunner(directory: bin), paasVersion: "test",
            stderrSink: { _ in })
        let flag = registry.dataDirectory(of: "maintenance") + "/web"
        XCTAssertEqual(try runner.runCommand("maintenance:on", args: ["web"], app: "web"), 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: flag))
        XCTAssertEqual(try runner.runCommand("maintenance:report", args: ["web"], app: "web"), 0)
        XCTAssertEqual(try runner.runCommand("maintenance:off", args: ["web"], app: "web"), 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: flag))
        XCTAssertEqual(try String(contentsOfFile: calls, encoding: .utf8), "ps:reconcile web\nps:reconcile web\n")
        XCTAssertEqual(try runner.runCommand("maintenance:on", args: ["web", "Back", "at", "noon"], app: "web"), 0)
        XCTAssertEqual(try String(contentsOfFile: flag, encoding: .utf8), "Back at noon\n")
        XCTAssertEqual(try runner.runCommand("maintenance:on", args: ["../etc"], app: nil), 2)
        XCTAssertEqual(try runner.runCommand("maintenance:on", args: [], app: nil), 2)
    }
}
