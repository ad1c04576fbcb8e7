import GRDB
import XCTest

@testable import PaasStore

final class StoreAccessTests: XCTestCase {
    private func key(_ name: String, _ role: KeyRole = .none) -> SSHKey {
        SSHKey(name: name, fingerprint: "SHA256:" + name, publicKey: "ssh-ed25519 AAAA" + name, role: role)
    }

    func testKeysFromBeforeRolesBecomeAdminsWhenTheDatabaseMigrates() throws {
        let (_, path) = try makeFileStore(self)
        try FileManager.default.removeItem(atPath: path)
        let old = try DatabaseQueue(path: path)
        try Store.migrator.migrate(old, upTo: "v2: release timings")
        try old.write { db in
            try db.execute(
                sql:
                    "INSERT INTO sshKey (name, fingerprint, publicKey, createdAt) VALUES ('alice', 'SHA256:a', 'k', ?)",
                arguments: [Date()])
        }
        try old.close()
        let store = try Store(path: path)
        XCTAssertEqual(try store.keys().map(\.role), [.admin])
        XCTAssertEqual(try store.access(key: "alice", app: "any"), KeyAccess(keyRole: .admin, grant: nil))
        try store.addKey(key("bob"))
        XCTAssertEqual(try store.keys().map(\.role), [.admin, .none], "new keys have no role unless given one")
    }

    func testGrantRevokeAndWhatEachRoleAllows() throws {
        let store = try Store.inMemory()
        _ = try store.createApp("web")
        _ = try store.createApp("api")
        try store.addKey(key("root", .admin))
        try store.addKey(key("bob"))
        XCTAssertNil(try store.access(key: "nobody", app: "web"))
        XCTAssertEqual(try store.access(key: "bob", app: "web"), KeyAccess(keyRole: .none, grant: nil))

        try store.grant(app: "web", key: "bob", role: .read)
        try store.grant(app: "web", key: "bob", role: .deploy)
        let bob = try XCTUnwrap(store.access(key: "bob", app: "web"))
        XCTAssertEqual(bob.grant, .deploy, "a second grant replaces the first")
        XCTAssertTrue(bob.allows(.read))
        XCTAssertTrue(bob.allows(.deploy))
        XCTAssertFalse(bob.allows(.admin))
        XCTAssertEqual(bob.roleName, "deploy")
        XCTAssertEqual(try store.access(key: "bob", app: "api")?.grant, nil, "a grant is for one app")
        XCTAssertTrue(try XCTUnwrap(store.access(key: "root", app: "api")).allows(.admin))
        XCTAssertEqual(try store.grantedApps(key: "bob"), ["web"])
        XCTAssertEqual(try store.grants(), [AppGrant(app: "web", key: "bob", role: .deploy)])

        assertStoreError(.noSuchKey("carol")) { try store.grant(app: "web", key: "carol", role: .read) }
        assertStoreError(.noSuchApp("nope")) { try store.grant(app: "nope", key: "bob", role: .read) }
        try store.revoke(app: "web", key: "bob")
        assertStoreError(.noSuchGrant(app: "web", key: "bob")) { try store.revoke(app: "web", key: "bob") }
        XCTAssertEqual(try store.grants(app: "web"), [])
    }

    func testGrantsFollowRenameAndGoWithTheAppOrTheKey() throws {
        let store = try Store.inMemory()
        _ = try store.createApp("web")
        _ = try store.createApp("api")
        try store.addKey(key("bob"))
        try store.grant(app: "web", key: "bob", role: .admin)
        try store.grant(app: "api", key: "bob", role: .read)
        try store.renameApp("web", to: "shop")
        XCTAssertEqual(try store.access(key: "bob", app: "shop")?.grant, .admin)
        XCTAssertNil(try store.access(key: "bob", app: "web")?.grant, "a new app called web gets nothing of it")
        try store.deleteApp("shop")
        XCTAssertEqual(try store.grants().map(\.app), ["api"])
        try store.removeKey(named: "bob")
        XCTAssertEqual(try store.grants(), [])
    }

    func testTheLastAdminKeyCannotBeRemoved() throws {
        let store = try Store.inMemory()
        try store.addKey(key("alice", .admin))
        try store.addKey(key("bob"))
        assertStoreError(.lastAdmin("alice")) { try store.removeKey(named: "alice") }
        try store.addKey(key("carol", .admin))
        try store.removeKey(named: "alice")
        assertStoreError(.lastAdmin("carol")) { try store.removeKey(named: "carol") }
        try store.removeKey(named: "bob")
        XCTAssertEqual(try store.keys().map(\.name), ["carol"])
    }
}
