import XCTest

@testable import PaasStore

final class StoreKeysTests: XCTestCase {
    func testAddListRemoveKeys() throws {
        let store = try Store.inMemory()
        let bob = SSHKey(name: "bob", fingerprint: "SHA256:bbb", publicKey: "ssh-ed25519 AAAAB bob@host")
        let alice = SSHKey(name: "alice", fingerprint: "SHA256:aaa", publicKey: "ssh-ed25519 AAAAA alice@host")
        try store.addKey(bob)
        try store.addKey(alice)
        XCTAssertEqual(try store.keys().map(\.name), ["alice", "bob"])
        XCTAssertEqual(try store.keys().first?.publicKey, alice.publicKey)

        assertStoreError(.keyExists("bob")) {
            try store.addKey(SSHKey(name: "bob", fingerprint: "SHA256:new", publicKey: "k"))
        }
        assertStoreError(.duplicateKey(fingerprint: "SHA256:aaa", existingName: "alice")) {
            try store.addKey(SSHKey(name: "alice2", fingerprint: "SHA256:aaa", publicKey: "k"))
        }
        try store.removeKey(named: "bob")
        XCTAssertEqual(try store.keys().map(\.name), ["alice"])
        assertStoreError(.noSuchKey("bob")) { try store.removeKey(named: "bob") }
        XCTAssertEqual(StoreError.noSuchKey("bob").description, "no ssh key named 'bob' (see ssh-keys:list)")
    }
}
