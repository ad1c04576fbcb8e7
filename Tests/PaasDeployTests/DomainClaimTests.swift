import PaasDeploy
import PaasTestSupport
import XCTest

final class DomainClaimTests: XCTestCase {
    func testAnotherAppsDefaultDomainCannotBeClaimedEvenBeforeThatAppExists() throws {
        let host = "paas.test"
        for domain in ["bank.paas.test", "www.bank.paas.test", "*.paas.test", "BANK.PAAS.TEST"] {
            XCTAssertThrowsError(try Domains.checkClaimable([domain], app: "aaa", hostDomain: host), domain) {
                XCTAssertTrue("\($0)".contains("can't be added to aaa"), "\($0)")
            }
        }
        XCTAssertThrowsError(
            try Domains.checkClaimable(["ok.example.com", "bank.paas.test"], app: "aaa", hostDomain: host))
        for domain in ["aaa.paas.test", "www.aaa.paas.test", "paas.test", "bank.example.com", "bankpaas.test"] {
            XCTAssertNoThrow(try Domains.checkClaimable([domain], app: "aaa", hostDomain: host), domain)
        }
    }

    func testAppsCreateRefusesANameWhoseDefaultDomainIsTaken() throws {
        let t = try TestPlatform(transport: FakeEngineTransportNotFound())
        defer { t.remove() }
        let store = try t.platform.store
        _ = try store.createApp("aaa")
        // As an older paas let it happen: aaa holds bank's default domain and one below it.
        try store.addDomains("aaa", ["x.bank.\(t.platform.settings.domain)"])
        XCTAssertThrowsError(try AppManager(platform: t.platform).create("bank")) {
            XCTAssertEqual(
                "\($0)",
                "app 'aaa' already has x.bank.paas.localhost, which belongs to the default domain of bank: choose another name"
            )
        }
        XCTAssertNil(try store.app("bank"))
        XCTAssertNoThrow(try AppManager(platform: t.platform).create("banker"))
    }
}
