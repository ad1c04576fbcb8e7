import GRDB
import XCTest

@testable import PaasStore

final class StoreReleasesTests: XCTestCase {
    func testFormationRoundTrip() throws {
        let store = try Store.inMemory()
        try store.createApp("a")
        XCTAssertEqual(try store.formation("a"), [:])
        try store.setFormation("a", ["web": 2, "worker": 1])
        try store.setFormation("a", ["web": 3, "clock": 0])
        XCTAssertEqual(try store.formation("a"), ["web": 3, "clock": 0])
        assertStoreError(.noSuchApp("b")) { try store.setFormation("b", ["web": 1]) }
    }

    func testRecordReleaseKeepsEveryField() throws {
        let (store, path) = try makeFileStore(self)
        try store.createApp("a")
        let draft = ReleaseDraft(
            app: "a", image: "paas/a:v1", config: StoreConfigTests.awkward, formation: ["web": 2, "worker": 1],
            processes: ["web": "python -m http.server $PORT", "worker": "sh -c 'sleep 1'"],
            commit: "0123456789abcdef0123456789abcdef01234567", tree: "fedcba9876543210fedcba9876543210fedcba98",
            buildDir: "apps/api", description: "Deploy 0123456", createdBy: "alice", deployID: "d-1")
        let recorded = try store.recordRelease(draft, config: nil)
        XCTAssertEqual(recorded.version, 1)
        XCTAssertFalse(recorded.live)
        XCTAssertEqual(recorded.draft, draft)

        let fetched = try XCTUnwrap(try Store(path: path).release("a", version: 1))
        XCTAssertEqual(fetched.draft, draft)
        XCTAssertEqual(
            fetched.createdAt.timeIntervalSince1970, recorded.createdAt.timeIntervalSince1970, accuracy: 0.002)
        XCTAssertNil(try store.release("a", version: 2))
    }

    func testDatesAreStoredAsUTC() throws {
        let (store, path) = try makeFileStore(self)
        try store.createApp("a")
        let app = try store.requireApp("a")
        let stored = try XCTUnwrap(
            try Store(path: path).writer.read { try String.fetchOne($0, sql: "SELECT createdAt FROM app") })
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        XCTAssertEqual(String(stored.prefix(19)), formatter.string(from: app.createdAt))
    }

    func testRecordReleaseWithConfigReplacesConfigAtomically() throws {
        let store = try Store.inMemory()
        try store.createApp("a")
        try store.replaceConfig("a", with: ["OLD": "1"])
        let release = try store.recordRelease(ReleaseDraft(app: "a", config: ["NEW": "2"]), config: ["NEW": "2"])
        XCTAssertEqual(release.config, ["NEW": "2"])
        XCTAssertEqual(try store.config("a"), ["NEW": "2"])
        try store.recordRelease(ReleaseDraft(app: "a"), config: nil)
        XCTAssertEqual(try store.config("a"), ["NEW": "2"])
    }

    func testReleaseOfMissingAppChangesNothing() throws {
        let store = try Store.inMemory()
        assertStoreError(.noSuchApp("ghost")) {
            try store.recordRelease(ReleaseDraft(app: "ghost"), config: ["A": "1"])
        }
        XCTAssertEqual(try store.config("ghost"), [:])
    }

    func testVersionsAreNeverReused() throws {
        let store = try Store.inMemory()
        try store.createApp("a")
        try store.createApp("b")
        XCTAssertEqual(try store.recordRelease(ReleaseDraft(app: "a"), config: nil).version, 1)
        XCTAssertEqual(try store.recordRelease(ReleaseDraft(app: "a"), config: nil).version, 2)
        XCTAssertEqual(try store.recordRelease(ReleaseDraft(app: "b"), config: nil).version, 1)
        XCTAssertEqual(try store.recordRelease(ReleaseDraft(app: "a"), config: nil).version, 3)
        XCTAssertEqual(try store.releases("a").map(\.version), [3, 2, 1])
        XCTAssertEqual(try store.releases("a", limit: 2).map(\.version), [3, 2])
        XCTAssertEqual(try store.releases("a", limit: 0), [])
        XCTAssertEqual(try store.releases("none"), [])
    }

    func testExactlyOneLiveRelease() throws {
        let store = try Store.inMemory()
        try store.createApp("a")
        for _ in 1...3 { try store.recordRelease(ReleaseDraft(app: "a"), config: nil) }
        XCTAssertNil(try store.liveRelease("a"))
        try store.setLive("a", version: 2)
        XCTAssertEqual(try store.liveRelease("a")?.version, 2)
        try store.setLive("a", version: 3)
        XCTAssertEqual(try store.liveRelease("a")?.version, 3)
        XCTAssertEqual(try store.releases("a").filter(\.live).map(\.version), [3])
        assertStoreError(.noSuchRelease(app: "a", version: 9)) { try store.setLive("a", version: 9) }
        XCTAssertEqual(try store.liveRelease("a")?.version, 3)
        XCTAssertEqual(StoreError.noSuchRelease(app: "a", version: 9).description, "app 'a' has no release v9 (see releases a)")
    }
}
