import Foundation
import PaasStore
import XCTest

@testable import PaasDeploy

final class SettingsRegistryTests: XCTestCase {
    private var t: TestPlatform!
    private var store: Store!

    override func setUpWithError() throws {
        t = try TestPlatform(transport: FakeEngineTransportNotFound())
        store = try t.platform.store
        _ = try store.createApp("shop")
    }

    override func tearDown() {
        t?.remove()
    }

    private func set(_ family: SettingFamily, _ key: String, _ value: String) throws {
        try AppSettings.set(try family.settable(named: key), to: value, app: "shop", store: store)
    }

    private func report(_ family: SettingFamily) throws -> [String: String] {
        let s = try AppSettings.load(app: "shop", store: store)
        return Dictionary(uniqueKeysWithValues: family.settings.map { ($0.name, s.describe($0)) })
    }

    func testEveryKeyIsDeclaredOnceInItsFamily() {
        let all = SettingFamily.all.flatMap(\.settings)
        XCTAssertEqual(Set(all.map(\.key)).count, all.count, "keys are unique")
        XCTAssertEqual(Set(all.map(\.storageKey)).count, all.count, "storage keys are unique")
        XCTAssertEqual(SettingFamily.all.map(\.name), ["checks", "builder", "git", "tasks", "releases", "resource", "scheduler"])
        for s in all {
            XCTAssertEqual(s.key, "\(s.family).\(s.name)")
            XCTAssertFalse(s.help.isEmpty, s.key)
            XCTAssertTrue(s.help.hasSuffix("."), "help is a sentence: \(s.key)")
            XCTAssertLessThanOrEqual(s.help.count + 6, 80, "help fits one line of \(s.family):set's help: \(s.key)")
        }
        XCTAssertEqual(
            SettingFamily.checks.settable.map(\.name),
            ["wait", "timeout", "attempts", "settle", "drain", "stop-timeout"])
    }

    func testTheDocsListEverySettingWithItsDefault() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/settings.md")
        let rows = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("| ") }
        for s in SettingFamily.all.flatMap(\.settings) {
            let row =
                "| \(s.family) | `\(s.name)` | \(s.defaultText.isEmpty ? "none" : s.defaultText) | \(s.global ? "yes" : "no") |"
            XCTAssertTrue(rows.contains { $0.hasPrefix(row) }, "docs/settings.md has no row starting \(row)")
        }
        XCTAssertEqual(rows.count - 2, SettingFamily.all.flatMap(\.settings).count, "one row per setting, no more")
    }

    func testDefaultsAreTheDeclaredOnes() throws {
        XCTAssertEqual(try CheckSettings.load(app: "shop", store: store), CheckSettings())
        XCTAssertEqual(CheckSettings().timeout, 60)
        XCTAssertEqual(CheckSettings().settle, 0.1)
        XCTAssertEqual(try ReleaseTasks.timeout(app: "shop", store: store), 600)
        XCTAssertEqual(try AppSettings.load(app: "shop", store: store)[Settings.releasesKeep], 10)
        XCTAssertNil(try AppSettings.load(app: "shop", store: store)[Settings.gitDeployBranch])
        XCTAssertEqual(
            try report(.checks),
            [
                "wait": "0", "timeout": "60", "attempts": "5", "settle": "0.1", "drain": "0", "stop-timeout": "10",
                "disabled": "", "skipped": "",
            ])
        XCTAssertEqual(try report(.git), ["deploy-branch": "main (or master)", "max-input-size": "2g"])
        XCTAssertEqual(
            try report(.resource),
            [
                "memory": "1g", "cpus": "unlimited", "pids": "1024", "max-instances": "50", "log-max-size": "10m",
                "log-max-file": "3", "build-timeout": "3600",
            ])
    }

    func testSetStoresTypedValuesAndEmptyResets() throws {
        try set(.checks, "wait", "4.0")
        try set(.checks, "settle", "0.25")
        try set(.checks, "stop-timeout", "3")
        try set(.tasks, "timeout", "2")
        try set(.releases, "keep", "3")
        try set(.git, "deploy-branch", "release/v2")
        let checks = try CheckSettings.load(app: "shop", store: store)
        XCTAssertEqual(checks.wait, 4)
        XCTAssertEqual(checks.settle, 0.25)
        XCTAssertEqual(checks.stopTimeout, 3)
        XCTAssertEqual(try ReleaseTasks.timeout(app: "shop", store: store), 2)
        let s = try AppSettings.load(app: "shop", store: store)
        XCTAssertEqual(s[Settings.releasesKeep], 3)
        XCTAssertEqual(s[Settings.gitDeployBranch], "release/v2")
        XCTAssertEqual(try report(.checks)["wait"], "4", "stored canonically")
        XCTAssertEqual(
            try store.setting("shop", Settings.releasesKeep.storageKey), "3", "kept where older versions stored it")

        try set(.checks, "wait", "")
        try set(.git, "deploy-branch", "")
        XCTAssertEqual(try CheckSettings.load(app: "shop", store: store).wait, 0)
        XCTAssertNil(try store.setting("shop", Settings.checksWait.storageKey), "empty removes the setting")
        XCTAssertNil(try AppSettings.load(app: "shop", store: store)[Settings.gitDeployBranch])
    }

    func testBadValuesAreRefusedWithWhatIsExpectedAndChangeNothing() throws {
        try set(.checks, "timeout", "30")
        func refused(_ family: SettingFamily, _ key: String, _ value: String, _ message: String, line: UInt = #line) {
            XCTAssertThrowsError(try set(family, key, value), line: line) {
                XCTAssertEqual("\($0)", message, line: line)
            }
        }
        refused(
            .checks, "timeout", "-1",
            "checks setting timeout cannot be '-1': expected a number of seconds from 0 to 86400")
        refused(
            .checks, "timeout", "nan",
            "checks setting timeout cannot be 'nan': expected a number of seconds from 0 to 86400")
        refused(
            .checks, "attempts", "2.5",
            "checks setting attempts cannot be '2.5': expected a whole number from 0 to 86400")
        refused(
            .tasks, "timeout", "0",
            "tasks setting timeout cannot be '0': expected a number of seconds above 0, at most 86400")
        refused(.releases, "keep", "0", "releases setting keep cannot be '0': expected a whole number from 1 to 1000")
        refused(
            .git, "deploy-branch", "a..b",
            "git setting deploy-branch cannot be 'a..b': expected a branch name (letters, digits, '.', '_', '/', '-')")
        refused(
            .git, "deploy-branch", "main\n",
            "git setting deploy-branch cannot be 'main\\n': expected a branch name (letters, digits, '.', '_', '/', '-')")
        refused(
            .git, "deploy-branch", "-main",
            "git setting deploy-branch cannot be '-main': expected a branch name (letters, digits, '.', '_', '/', '-')")
        refused(
            .checks, "colour", "1",
            "unknown checks setting 'colour'; expected one of: wait, timeout, attempts, settle, drain, stop-timeout")
        refused(
            .checks, "disabled", "web",
            "checks setting disabled is changed with checks:disable and checks:enable, not checks:set")
        XCTAssertEqual(try CheckSettings.load(app: "shop", store: store).timeout, 30)
    }

    func testAGlobalValueAppliesToAppsWithoutTheirOwn() throws {
        _ = try store.createApp("other")
        let global = Store.globalSettings
        try AppSettings.set(Settings.checksWait.erased, to: "7", app: global, store: store)
        try AppSettings.set(Settings.releasesKeep.erased, to: "4", app: global, store: store)
        try set(.checks, "wait", "2")
        XCTAssertEqual(try CheckSettings.load(app: "shop", store: store).wait, 2, "the app's own value wins")
        XCTAssertEqual(try CheckSettings.load(app: "other", store: store).wait, 7)
        XCTAssertEqual(try AppSettings.load(app: "other", store: store)[Settings.releasesKeep], 4)
        let other = try AppSettings.load(app: "other", store: store)
        XCTAssertEqual(other.source(of: Settings.checksWait.erased), .global)
        XCTAssertEqual(other.source(of: Settings.checksTimeout.erased), .default)
        XCTAssertEqual(try AppSettings.load(app: "shop", store: store).source(of: Settings.checksWait.erased), .app)

        XCTAssertThrowsError(try AppSettings.set(Settings.builderBuildDir.erased, to: "x", app: global, store: store)) {
            XCTAssertEqual(
                "\($0)",
                "builder setting build-dir has no global value: set it per app with builder:set APP build-dir VALUE")
        }
        try AppSettings.set(Settings.checksWait.erased, to: "", app: global, store: store)
        XCTAssertEqual(try CheckSettings.load(app: "other", store: store).wait, 0)
    }

    func testOneSettingReadAloneFollowsTheSameRules() throws {
        XCTAssertFalse(try AppSettings.value(Settings.psStopped, app: "shop", store: store))
        try AppSettings.write(Settings.psStopped, true, app: "shop", store: store)
        XCTAssertTrue(try AppSettings.value(Settings.psStopped, app: "shop", store: store))
        try AppSettings.write(Settings.psStopped, false, app: "shop", store: store)
        XCTAssertNil(try store.setting("shop", Settings.psStopped.storageKey), "not stopped: nothing stored")
        try AppSettings.set(Settings.tasksTimeout.erased, to: "90", app: Store.globalSettings, store: store)
        XCTAssertEqual(try AppSettings.value(Settings.tasksTimeout, app: "shop", store: store), 90)
        try set(.tasks, "timeout", "5")
        XCTAssertEqual(try AppSettings.value(Settings.tasksTimeout, app: "shop", store: store), 5)
    }

    func testAStoredValueThatIsNoLongerValidReadsAsTheDefault() throws {
        try store.setSetting("shop", Settings.checksTimeout.storageKey, "soon")
        try store.setSetting("shop", Settings.tasksTimeout.storageKey, "-5")
        XCTAssertEqual(try CheckSettings.load(app: "shop", store: store).timeout, 60)
        XCTAssertEqual(try ReleaseTasks.timeout(app: "shop", store: store), 600)
    }

    func testDisableAndSkipAreExclusivePerProcessType() throws {
        func modes() throws -> (disabled: [String], skipped: [String]) {
            let c = try CheckSettings.load(app: "shop", store: store)
            return (c.disabled.sorted(), c.skipped.sorted())
        }
        try CheckMode.skipped.apply(to: ["web", "worker"], app: "shop", store: store)
        try CheckMode.disabled.apply(to: ["web"], app: "shop", store: store)
        XCTAssertEqual(try modes().disabled, ["web"])
        XCTAssertEqual(try modes().skipped, ["worker"])
        try CheckMode.skipped.apply(to: ["web"], app: "shop", store: store)
        XCTAssertEqual(try modes().disabled, [])
        XCTAssertEqual(try modes().skipped, ["web", "worker"])

        // `_all_` in one empties the other.
        XCTAssertEqual(try CheckMode.disabled.apply(to: [], app: "shop", store: store), "all processes")
        XCTAssertEqual(try modes().disabled, ["_all_"])
        XCTAssertEqual(try modes().skipped, [])
        // A type taken out of `_all_` is skipped, not both.
        try CheckMode.skipped.apply(to: ["worker"], app: "shop", store: store)
        let c = try CheckSettings.load(app: "shop", store: store)
        XCTAssertTrue(c.stopsFirst("web"))
        XCTAssertFalse(c.skips("web"))
        XCTAssertTrue(c.skips("worker"))
        XCTAssertFalse(c.stopsFirst("worker"))
        try CheckMode.skipped.apply(to: [], app: "shop", store: store)
        XCTAssertEqual(try modes().disabled, [])
        XCTAssertEqual(try modes().skipped, ["_all_", "worker"])

        try CheckMode.enabled.apply(to: [], app: "shop", store: store)
        XCTAssertEqual(try modes().disabled, [])
        XCTAssertEqual(try modes().skipped, [])
        XCTAssertThrowsError(try CheckMode.disabled.apply(to: ["we b"], app: "shop", store: store)) {
            XCTAssertEqual(
                "\($0)", "'we b' is not a process type name: expected letters, digits, '_' or '-', such as web")
        }
    }

    func testChecksRunTargets() throws {
        XCTAssertEqual(try HealthReport.Target(parsing: "web"), HealthReport.Target(process: "web"))
        XCTAssertEqual(try HealthReport.Target(parsing: "web.2"), HealthReport.Target(process: "web", number: 2))
        for bad in ["web.x", "web.0", "", "a.1.2", "-x"] {
            XCTAssertThrowsError(try HealthReport.Target(parsing: bad), bad)
        }
    }
}
