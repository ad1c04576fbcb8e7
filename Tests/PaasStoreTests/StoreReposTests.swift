import Foundation
import XCTest

@testable import PaasStore

final class StoreReposTests: XCTestCase {
    func testLinksBelongToOneRepositoryAndBlockItsRemoval() throws {
        let (store, _) = try makeFileStore(self)
        try store.createApp("api")
        try store.createApp("web")
        try store.createRepo("mono")
        try store.createRepo("other")
        assertStoreError(.repoNameIsApp("api")) { try store.createRepo("api") }
        assertStoreError(.appNameIsRepo("mono")) { try store.createApp("mono") }
        assertStoreError(.appNameIsRepo("mono")) { try store.renameApp("web", to: "mono") }

        try store.link(app: "api", repo: "mono", watch: ["lib"])
        try store.link(app: "web", repo: "mono", watch: [])
        assertStoreError(.alreadyLinked(app: "api", repo: "mono")) {
            try store.link(app: "api", repo: "other", watch: [])
        }
        XCTAssertEqual(
            try store.link(app: "api", repo: "mono", watch: ["lib", "Procfile"]).watch, ["lib", "Procfile"])
        XCTAssertEqual(try store.links(repo: "mono").map(\.app), ["api", "web"])
        assertStoreError(.repoInUse("mono", apps: ["api", "web"])) { try store.deleteRepo("mono") }

        try store.deleteApp("web")
        XCTAssertEqual(try store.links(repo: "mono").map(\.app), ["api"], "a destroyed app's link goes with it")
        XCTAssertEqual(try store.unlink(app: "api")?.repo, "mono")
        try store.deleteRepo("mono")
        XCTAssertNil(try store.repo("mono"))
    }

    func testReleasesKeepTheirInputsAndParallelIsStored() throws {
        let (store, path) = try makeFileStore(self)
        try store.createApp("api")
        try store.createRepo("mono")
        try store.setRepoParallel("mono", 3)
        let inputs = ["services/api": String(repeating: "a", count: 40), "lib": "absent"]
        try store.recordRelease(ReleaseDraft(app: "api", image: "paas/api:v1", inputs: inputs), config: nil)
        try store.setLive("api", version: 1)
        let reopened = try Store(path: path)
        XCTAssertEqual(try reopened.liveRelease("api")?.inputs, inputs)
        XCTAssertEqual(try reopened.repo("mono")?.parallel, 3)
        assertStoreError(.noSuchRepo("nope")) { try reopened.setRepoParallel("nope", 1) }
    }
}
