import XCTest

@testable import PaasStore

final class StoreConfigTests: XCTestCase {
    /// Values that break naive quoting, stored byte for byte.
    static let awkward: [String: String] = [
        "NEWLINES": "line1\nline2\r\nline3\n",
        "QUOTES": #"it's "quoted" \ backslash"#,
        "SHELL": "$HOME `id` $(rm -rf /) ${X:-y} ; | &",
        "EQUALS": "a=b==c=",
        "UNICODE": "héllo wörld 日本語 🚀 \u{200B}",
        "EMPTY": "",
        "SPACES": "  leading and trailing  ",
        "NUL": "before\u{0}after",
    ]

    func testAwkwardValuesRoundTripThroughAFile() throws {
        let (store, path) = try makeFileStore(self)
        try store.createApp("a")
        try store.replaceConfig("a", with: Self.awkward)
        XCTAssertEqual(try store.config("a"), Self.awkward)
        XCTAssertEqual(try Store(path: path).config("a"), Self.awkward)
        for (key, value) in Self.awkward {
            XCTAssertEqual(Array(try store.config("a")[key]!.utf8), Array(value.utf8), key)
        }
    }

    func testReplaceConfigReplacesEverything() throws {
        let store = try Store.inMemory()
        try store.createApp("a")
        try store.replaceConfig("a", with: ["A": "1", "B": "2"])
        try store.replaceConfig("a", with: ["B": "3"])
        XCTAssertEqual(try store.config("a"), ["B": "3"])
        try store.replaceConfig("a", with: [:])
        XCTAssertEqual(try store.config("a"), [:])
        assertStoreError(.noSuchApp("zz")) { try store.replaceConfig("zz", with: ["A": "1"]) }
    }

    func testGlobalVarsAreOverlaidByTheAppsOwn() throws {
        let store = try Store.inMemory()
        try store.createApp("a")
        try store.createApp("b")
        try store.replaceConfig(Store.globalScope, with: ["TZ": "UTC", "LEVEL": "info"])
        try store.replaceConfig("a", with: ["LEVEL": "debug", "PORT": "5000"])
        XCTAssertEqual(try store.config(Store.globalScope), ["TZ": "UTC", "LEVEL": "info"])
        XCTAssertEqual(try store.config("a"), ["LEVEL": "debug", "PORT": "5000"])
        XCTAssertEqual(try store.mergedConfig("a"), ["TZ": "UTC", "LEVEL": "debug", "PORT": "5000"])
        XCTAssertEqual(try store.mergedConfig("b"), ["TZ": "UTC", "LEVEL": "info"])
    }

    func testUpdateConfigEditsAndRecordsTheReleaseTogether() throws {
        let store = try Store.inMemory()
        try store.createApp("a")
        try store.replaceConfig(Store.globalScope, with: ["G": "g"])
        try store.replaceConfig("a", with: ["A": "1"])
        let release = try store.updateConfig("a", { $0["B"] = "2" }) { own, merged in
            XCTAssertEqual(own, ["A": "1", "B": "2"])
            return ReleaseDraft(app: "a", config: merged, description: "Set B")
        }
        XCTAssertEqual(release?.version, 1)
        XCTAssertEqual(release?.config, ["A": "1", "B": "2", "G": "g"])
        XCTAssertEqual(try store.config("a"), ["A": "1", "B": "2"])
        XCTAssertNil(try store.updateConfig("a", { $0["A"] = nil }))
        XCTAssertEqual(try store.config("a"), ["B": "2"])
        XCTAssertEqual(try store.releases("a").count, 1)
    }

    func testFailingUpdateChangesNothing() throws {
        struct Refused: Error {}
        let store = try Store.inMemory()
        try store.createApp("a")
        try store.replaceConfig("a", with: ["A": "1"])
        XCTAssertThrowsError(
            try store.updateConfig("a", { $0["A"] = "2" }) { _, _ in throw Refused() })
        XCTAssertEqual(try store.config("a"), ["A": "1"])
    }
}
