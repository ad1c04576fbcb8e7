import XCTest

@testable import PaasStore

final class StoreDomainsTests: XCTestCase {
    func testAddRemoveSetDomains() throws {
        let store = try Store.inMemory()
        try store.createApp("a")
        try store.addDomains("a", ["b.test", "a.test"])
        try store.addDomains("a", ["a.test", "c.test"])
        XCTAssertEqual(try store.domains("a"), ["b.test", "a.test", "c.test"])
        try store.removeDomains("a", ["a.test", "not-there.test"])
        XCTAssertEqual(try store.domains("a"), ["b.test", "c.test"])
        try store.setDomains("a", ["x.test", "*.wild.test"])
        XCTAssertEqual(try store.domains("a"), ["x.test", "*.wild.test"])
        XCTAssertEqual(try store.appOwningDomain("*.wild.test"), "a")
        XCTAssertNil(try store.appOwningDomain("b.test"))
        try store.setDomains("a", [])
        XCTAssertEqual(try store.domains("a"), [])
        assertStoreError(.noSuchApp("z")) { try store.addDomains("z", ["z.test"]) }
    }

    func testADomainBelongsToOneAppAndAddingIsAllOrNothing() throws {
        let store = try Store.inMemory()
        try store.createApp("a")
        try store.createApp("b")
        try store.addDomains("a", ["shared.test"])
        assertStoreError(.domainTaken("shared.test", byApp: "a")) {
            try store.addDomains("b", ["fresh.test", "shared.test"])
        }
        XCTAssertEqual(try store.domains("b"), [])
        XCTAssertNil(try store.appOwningDomain("fresh.test"))
        assertStoreError(.domainTaken("shared.test", byApp: "a")) { try store.setDomains("b", ["shared.test"]) }
        // removing it from another app does not steal it
        try store.removeDomains("b", ["shared.test"])
        XCTAssertEqual(try store.appOwningDomain("shared.test"), "a")
        XCTAssertEqual(
            StoreError.domainTaken("shared.test", byApp: "a").description,
            "domain 'shared.test' is already used by app 'a' (remove it there first)")
    }
}
