import PaasDeploy
import XCTest

@testable import PaasCommands

final class SettingsCommandsTests: XCTestCase {
    func testEveryFamilyHasASetAndAReportCommand() {
        for family in SettingFamily.all {
            XCTAssertNotNil(CommandTable.find(family.name + ":set"), family.name)
            XCTAssertNotNil(CommandTable.find(family.name + ":report"), family.name)
        }
    }

    func testHelpComesFromTheDeclarations() throws {
        let set = try XCTUnwrap(CommandTable.find("checks:set"))
        XCTAssertEqual(
            set.configuration.abstract,
            "Set how an app's deploys are checked: wait, timeout, attempts, settle, drain or stop-timeout.")
        let help = set.helpMessage()
        for setting in SettingFamily.checks.settable {
            XCTAssertTrue(help.contains(setting.help), "\(setting.key) in: \(help)")
        }
        XCTAssertTrue(help.contains("timeout: a number of seconds from 0 to 86400; default 60; also --global\n"), help)
        let report = try XCTUnwrap(CommandTable.find("checks:report")).helpMessage()
        XCTAssertTrue(report.contains(Settings.checksDisabled.help), report)
        XCTAssertEqual(CommandTable.find("tasks:set")?.group, .builds)
        XCTAssertEqual(CommandTable.find("releases:report")?.group, .releases)
    }
}
