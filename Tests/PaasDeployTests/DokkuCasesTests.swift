import PaasStore
import XCTest

@testable import PaasDeploy

/// The logic behind issue 9's Dokku cases, without Docker (the end-to-end tests are in
/// DokkuCompatibilityTests).
final class DokkuCasesTests: XCTestCase {
    func testRunUsesTheProcfileEntryOfAProcessTypeWithTheArgumentsQuoted() {
        let processes = ["worker": "python worker.py", "web": "httpd -f -p $PORT"]
        XCTAssertEqual(
            OneOffRun.command(["worker", "--once", "it's $HOME"], processes: processes),
            ["/bin/sh", "-c", "python worker.py '--once' 'it'\\''s $HOME'"])
        XCTAssertEqual(OneOffRun.command(["worker"], processes: processes), ["/bin/sh", "-c", "python worker.py"])
        XCTAssertEqual(OneOffRun.command(["ls -la"], processes: processes), ["/bin/sh", "-c", "ls -la"])
        XCTAssertEqual(OneOffRun.command(["ls", "-la"], processes: processes), ["ls", "-la"])
        XCTAssertEqual(
            OneOffRun.command(["worker", "x"], processes: [:]), ["worker", "x"], "no live Procfile: as given")
        XCTAssertNil(OneOffRun.command([], processes: processes))
    }

    func testTheDefaultDomainCannotBeRemoved() throws {
        let t = try TestPlatform(transport: FakeEngineTransportNotFound())
        defer { t.remove() }
        _ = try t.platform.store.createApp("shop")
        let first = Domains.defaultDomain(app: "shop", platform: t.platform)
        XCTAssertThrowsError(
            try Domains.checkRemovable(["other.test", first.uppercased()], app: "shop", platform: t.platform)
        ) {
            XCTAssertEqual(
                "\($0)",
                "\(first) is the default domain of shop and can't be removed; domains:remove removes domains added with domains:add"
            )
        }
        XCTAssertNoThrow(try Domains.checkRemovable(["other.test"], app: "shop", platform: t.platform))
    }

    func testScaleBeforeTheFirstDeployStoresAnyType() throws {
        let t = try TestPlatform(transport: FakeEngineTransportNotFound())
        defer { t.remove() }
        let store = try t.platform.store
        _ = try store.createApp("shop")
        try Scaler(platform: t.platform).scale(app: "shop", changes: [("worker", 1), ("clock", 0)])
        XCTAssertEqual(try store.formation("shop"), ["worker": 1, "clock": 0])
    }
}
