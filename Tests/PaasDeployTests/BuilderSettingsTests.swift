import PaasStore
import XCTest

@testable import PaasDeploy

final class BuilderSettingsTests: XCTestCase {
    func testDefaultsSetAndValidate() throws {
        let t = try TestPlatform(transport: FakeEngineTransportNotFound())
        defer { t.remove() }
        let store = try t.platform.store
        _ = try store.createApp("shop")
        XCTAssertEqual(try BuilderSettings.load(app: "shop", store: store), BuilderSettings())
        try set("selected", "image", store)
        try set("image", "me/builder:2", store)
        try set("dockerfile", "deploy/Dockerfile", store)
        try set("build-dir", "./services/api/", store)
        let s = try BuilderSettings.load(app: "shop", store: store)
        XCTAssertEqual(s.selected, .image)
        XCTAssertEqual(s.image, "me/builder:2")
        XCTAssertEqual(s.dockerfile, "deploy/Dockerfile")
        XCTAssertEqual(s.buildDir, "services/api")
        XCTAssertEqual(s.path("Procfile"), "services/api/Procfile")
        XCTAssertEqual(try store.setting("shop", Settings.builderBuildDir.storageKey), "services/api")

        try set("build-dir", "", store)
        try set("selected", nil, store)
        XCTAssertNil(try BuilderSettings.load(app: "shop", store: store).buildDir)
        XCTAssertNil(try BuilderSettings.load(app: "shop", store: store).selected)

        XCTAssertThrowsError(try set("selected", "heroku", store)) {
            XCTAssertEqual("\($0)", "builder setting selected cannot be 'heroku': expected dockerfile or image")
        }
        XCTAssertThrowsError(try set("build-dir", "../etc", store))
        XCTAssertThrowsError(try set("build-dir", "/abs", store))
        XCTAssertThrowsError(try set("colour", "x", store)) {
            XCTAssertEqual("\($0)", "unknown builder setting 'colour'; expected one of: selected, image, dockerfile, build-dir")
        }
    }

    /// `builder:set shop KEY VALUE`, as the generated command does it.
    private func set(_ key: String, _ value: String?, _ store: Store) throws {
        try AppSettings.set(try SettingFamily.builder.settable(named: key), to: value ?? "", app: "shop", store: store)
    }

    func testBuildDirCheckMatchesTheLiveTree() throws {
        let t = try TestPlatform(transport: FakeEngineTransportNotFound())
        defer { t.remove() }
        let store = try t.platform.store
        _ = try store.createApp("a")
        XCTAssertNil(try BuildDirCheck.unchanged(store: store, app: "a", treeID: "t1"))
        let draft = ReleaseDraft(
            app: "a", image: "paas/a:v1", config: [:], formation: ["web": 1], processes: [:], commit: "c1",
            tree: "t1", buildDir: "a", description: "Deploy", createdBy: "me", deployID: "d1")
        let recorded = try store.recordRelease(draft, config: nil)
        try store.setLive("a", version: recorded.version)
        let live = try XCTUnwrap(try BuildDirCheck.unchanged(store: store, app: "a", treeID: "t1"))
        XCTAssertEqual(BuildDirCheck.message(buildDir: "a", live: live), "a unchanged since v\(recorded.version)")
        XCTAssertNil(try BuildDirCheck.unchanged(store: store, app: "a", treeID: "t2"))
    }

    func testDetectionPrefersADockerfile() {
        XCTAssertEqual(BuilderSettings.detect(hasDockerfile: true), .dockerfile)
        XCTAssertEqual(BuilderSettings.detect(hasDockerfile: false), .image)
    }

    func testAppJSONErrorsNameThePath() {
        XCTAssertThrowsError(try AppJSONLoader.parse(Array("{\n  \"scripts\": [".utf8), path: "services/api/app.json")) {
            XCTAssertTrue("\($0)".hasPrefix("services/api/app.json line "), "\($0)")
        }
        XCTAssertThrowsError(try AppJSONLoader.parse(Array(#"{"scripts": 3}"#.utf8), path: "a/app.json")) {
            XCTAssertTrue("\($0)".hasPrefix("a/app.json: scripts must be"), "\($0)")
        }
        XCTAssertEqual(try AppJSONLoader.parse(Array(#"{"x": 1}"#.utf8), path: "app.json").scripts.predeploy, nil)
    }

    func testBuildEnvFileQuotesAndSkipsNonShellNames() {
        XCTAssertEqual(BuildEnvFile.contents(["B": "x y", "A": "it's", "1X": "no", "a-b": "no"]), "export A='it'\\''s'\nexport B='x y'\n")
    }
}
