import XCTest

@testable import PaasStore

final class StoreAppsTests: XCTestCase {
    func testCreateListGetApps() throws {
        let store = try Store.inMemory()
        XCTAssertEqual(try store.apps(), [])
        let before = Date()
        let b = try store.createApp("beta")
        try store.createApp("alpha")
        XCTAssertEqual(b.name, "beta")
        XCTAssertGreaterThanOrEqual(b.createdAt.timeIntervalSince1970, before.timeIntervalSince1970 - 1)
        XCTAssertEqual(try store.apps().map(\.name), ["alpha", "beta"])
        XCTAssertEqual(try store.app("beta")?.name, "beta")
        XCTAssertNil(try store.app("gamma"))
        XCTAssertEqual(try store.requireApp("alpha").name, "alpha")
    }

    func testCreateExistingAppFails() throws {
        let store = try Store.inMemory()
        try store.createApp("web")
        assertStoreError(.appExists("web")) { try store.createApp("web") }
        XCTAssertEqual(
            StoreError.appExists("web").description, "app 'web' already exists (choose another name, or see apps:list)")
    }

    func testRequireMissingAppNamesIt() throws {
        let store = try Store.inMemory()
        assertStoreError(.noSuchApp("x")) { try store.requireApp("x") }
        XCTAssertEqual(StoreError.noSuchApp("x").description, "app 'x' does not exist (see apps:list)")
    }

    func testDeleteCascadesToEverythingOfTheApp() throws {
        let (store, _) = try makeFileStore(self)
        try store.createApp("doomed")
        try store.createApp("other")
        for app in ["doomed", "other"] {
            try store.setSetting(app, "builder", "dockerfile")
            try store.replaceConfig(app, with: ["A": "1"])
            try store.setFormation(app, ["web": 1])
            try store.recordRelease(ReleaseDraft(app: app, image: "img"), config: nil)
            try store.setLive(app, version: 1)
            try store.addDomains(app, ["\(app).example.com"])
        }
        try store.deleteApp("doomed")

        XCTAssertNil(try store.app("doomed"))
        XCTAssertEqual(try store.settings("doomed"), [:])
        XCTAssertEqual(try store.config("doomed"), [:])
        XCTAssertEqual(try store.formation("doomed"), [:])
        XCTAssertEqual(try store.releases("doomed"), [])
        XCTAssertEqual(try store.domains("doomed"), [])
        XCTAssertNil(try store.appOwningDomain("doomed.example.com"))
        // the other app is untouched
        XCTAssertEqual(try store.settings("other"), ["builder": "dockerfile"])
        XCTAssertEqual(try store.config("other"), ["A": "1"])
        XCTAssertEqual(try store.formation("other"), ["web": 1])
        XCTAssertEqual(try store.releases("other").count, 1)
        XCTAssertEqual(try store.domains("other"), ["other.example.com"])

        // a new app of the same name starts afresh, versions from 1
        try store.createApp("doomed")
        XCTAssertEqual(try store.recordRelease(ReleaseDraft(app: "doomed"), config: nil).version, 1)
        assertStoreError(.noSuchApp("ghost")) { try store.deleteApp("ghost") }
    }

    func testRenameCarriesEverythingAlong() throws {
        let (store, _) = try makeFileStore(self)
        try store.createApp("old")
        try store.createApp("taken")
        try store.setSetting("old", "checks", "off")
        try store.replaceConfig("old", with: ["K": "v"])
        try store.setFormation("old", ["web": 2])
        try store.recordRelease(ReleaseDraft(app: "old", image: "i1"), config: nil)
        try store.setLive("old", version: 1)
        try store.addDomains("old", ["old.test"])

        assertStoreError(.appExists("taken")) { try store.renameApp("old", to: "taken") }
        assertStoreError(.noSuchApp("nope")) { try store.renameApp("nope", to: "new") }
        try store.renameApp("old", to: "new")

        XCTAssertNil(try store.app("old"))
        XCTAssertEqual(try store.settings("new"), ["checks": "off"])
        XCTAssertEqual(try store.config("new"), ["K": "v"])
        XCTAssertEqual(try store.formation("new"), ["web": 2])
        XCTAssertEqual(try store.liveRelease("new")?.version, 1)
        XCTAssertEqual(try store.liveRelease("new")?.app, "new")
        XCTAssertEqual(try store.appOwningDomain("old.test"), "new")
        XCTAssertEqual(try store.settings("old"), [:])
        XCTAssertEqual(try store.config("old"), [:])
        // numbering continues after a rename
        XCTAssertEqual(try store.recordRelease(ReleaseDraft(app: "new"), config: nil).version, 2)
    }
}
