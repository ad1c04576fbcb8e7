import XCTest

@testable import PaasStore

final class StoreSettingsTests: XCTestCase {
    func testSetGetDeleteSettings() throws {
        let store = try Store.inMemory()
        try store.createApp("a")
        XCTAssertNil(try store.setting("a", "builder"))
        try store.setSetting("a", "builder", "herokuish")
        try store.setSetting("a", "deploy-branch", "main")
        try store.setSetting("a", "builder", "dockerfile")
        XCTAssertEqual(try store.setting("a", "builder"), "dockerfile")
        XCTAssertEqual(try store.settings("a"), ["builder": "dockerfile", "deploy-branch": "main"])
        try store.setSetting("a", "builder", nil)
        XCTAssertEqual(try store.settings("a"), ["deploy-branch": "main"])
        try store.setSetting("a", "never-set", nil)
    }

    func testGlobalSettingsAreSeparate() throws {
        let store = try Store.inMemory()
        try store.createApp("a")
        try store.setSetting("", "domain", "paas.test")
        try store.setSetting("a", "domain", "a.test")
        XCTAssertEqual(try store.settings(Store.globalSettings), ["domain": "paas.test"])
        XCTAssertEqual(try store.setting("a", "domain"), "a.test")
    }

    func testSettingOfMissingAppFails() throws {
        let store = try Store.inMemory()
        assertStoreError(.noSuchApp("x")) { try store.setSetting("x", "k", "v") }
    }
}
