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
        let runner = fixture.runner()
        let flag = registry.dataDirectory(of: "maintenance") + "/web"
        XCTAssertEqual(try runner.runCommand("maintenance:on", args: ["web"], app: "web"), 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: flag))
        XCTAssertEqual(try runner.runCommand("maintenance:report", args: ["web"], app: "web"), 0)
        XCTAssertEqual(try runner.runCommand("maintenance:off", args: ["web"], app: "web"), 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: flag))
        XCTAssertEqual(try runner.runCommand("maintenance:on", args: ["../etc"], app: nil), 2)
        XCTAssertEqual(try runner.runCommand("maintenance:on", args: [], app: nil), 2)
    }
}
