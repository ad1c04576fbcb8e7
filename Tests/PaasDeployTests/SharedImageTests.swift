import DockerEngine
import Foundation
import PaasStore
import XCTest

@testable import PaasDeploy

/// Issue 9 item 5: apps built from one commit share an image id; each removes only its own tags.
final class SharedImageTests: XCTestCase {
    /// staging and production run image `sha256:same`; production's v1 is an older image that
    /// only production's release v1 still names.
    private func engine() -> ImageStoreEngine {
        ImageStoreEngine(
            images: [
                "sha256:same": ["paas/staging:v1", "paas/production:v2"],
                "sha256:old": ["paas/production:v1", "paas/staging:v0"],
            ],
            containers: [
                .init(id: "s1", image: "paas/staging:v1", app: "staging", running: true),
                .init(id: "p1", image: "paas/production:v2", app: "production", running: true),
            ])
    }

    func testDestroyUntagsItsOwnReferencesAndLeavesTheOtherAppsImages() throws {
        let engine = engine()
        let test = try TestPlatform(transport: engine)
        defer { test.remove() }
        let store = try test.platform.store
        try store.createApp("staging")
        try store.createApp("production")

        try AppManager(platform: test.platform).destroy("staging")

        XCTAssertNil(try store.app("staging"), "the destroy finished")
        XCTAssertEqual(engine.tags(of: "sha256:same"), ["paas/production:v2"], "production's running image stays")
        XCTAssertEqual(engine.tags(of: "sha256:old"), ["paas/production:v1"], "production can still roll back to v1")
        XCTAssertEqual(engine.state.withLock { $0.containers.map(\.id) }, ["p1"])
        XCTAssertEqual(engine.state.withLock { $0.deletes }.sorted(), ["paas/staging:v0", "paas/staging:v1"])
        XCTAssertFalse(test.output.contains("!"), test.output)
    }

    func testAnImageTheEngineRefusesToDropIsAWarningAndTheDestroyStillFinishes() throws {
        // A last tag that some other container runs: the Engine keeps it (409), the destroy goes on.
        let engine = ImageStoreEngine(
            images: ["sha256:kept": ["paas/staging:v1"]],
            containers: [.init(id: "x1", image: "sha256:kept", app: "elsewhere", running: true)])
        let test = try TestPlatform(transport: engine)
        defer { test.remove() }
        let store = try test.platform.store
        try store.createApp("staging")

        try AppManager(platform: test.platform).destroy("staging")

        XCTAssertNil(try store.app("staging"))
        XCTAssertEqual(engine.tags(of: "sha256:kept"), ["paas/staging:v1"])
        XCTAssertTrue(
            test.output.contains(" !     could not remove image paas/staging:v1: Docker Engine error 409"), test.output)
    }

    func testRenameMovesOnlyItsOwnTags() throws {
        let engine = engine()
        let test = try TestPlatform(transport: engine)
        defer { test.remove() }
        let store = try test.platform.store
        try store.createApp("staging")
        try store.createApp("production")

        try AppManager(platform: test.platform).rename("staging", to: "preview")

        XCTAssertEqual(engine.tags(of: "sha256:same")?.sorted(), ["paas/preview:v1", "paas/production:v2"])
        XCTAssertEqual(engine.tags(of: "sha256:old")?.sorted(), ["paas/preview:v0", "paas/production:v1"])
        XCTAssertEqual(try store.apps().map(\.name).sorted(), ["preview", "production"])
    }

    func testCleanerRemovesOnlyUnneededTagsOfItsOwnApp() throws {
        let engine = engine()
        let test = try TestPlatform(transport: engine)
        defer { test.remove() }
        let store = try test.platform.store
        try store.createApp("staging")
        try store.recordRelease(ReleaseDraft(app: "staging", image: "paas/staging:v1"), config: nil)
        try store.setSetting("staging", "keep-releases", "1")

        ImageCleaner(platform: test.platform).clean(app: "staging")

        XCTAssertEqual(engine.tags(of: "sha256:same"), ["paas/staging:v1", "paas/production:v2"])
        XCTAssertEqual(engine.tags(of: "sha256:old"), ["paas/production:v1"], "only staging's old tag went")
        XCTAssertEqual(engine.state.withLock { $0.deletes }, ["paas/staging:v0"])
    }
}
