import PaasUpgrade
import XCTest

final class UpgradePolicyTests: XCTestCase {
    private func manifest(_ version: String, schema: Int, minimum: String = "0.1.0") -> BundleManifest {
        BundleManifest(
            version: version, schemaVersion: schema, minimumVersion: minimum, binaries: ["paas", "paas-pre-receive"],
            plugins: [], migrations: [])
    }

    private let installed = VersionReport(version: "0.2.0", schemaVersion: 2)

    func testVersionsCompareNumerically() throws {
        let order = ["0.1.0", "0.2.0-rc1", "0.2.0", "0.10.0", "1.0", "1.0.1"].map { ReleaseVersion($0)! }
        XCTAssertEqual(order, order.sorted())
        XCTAssertEqual(ReleaseVersion("1.0"), ReleaseVersion("1.0.0"))
        for bad in ["", "v1.0", "1..2", "1.2.3.4.5", "-1.0", "latest"] { XCTAssertNil(ReleaseVersion(bad), bad) }
    }

    func testANewerBundleIsAllowed() throws {
        XCTAssertNoThrow(
            try UpgradePolicy.check(installed: installed, bundle: manifest("0.3.0", schema: 3), allowDowngrade: false))
    }

    func testTheSameVersionIsRefused() {
        XCTAssertThrowsError(
            try UpgradePolicy.check(installed: installed, bundle: manifest("0.2.0", schema: 2), allowDowngrade: true)
        ) {
            XCTAssertEqual($0 as? BundleError, .sameVersion("0.2.0"))
        }
    }

    func testADowngradeNeedsTheFlagAndASchemaThatAllowsIt() {
        XCTAssertThrowsError(
            try UpgradePolicy.check(installed: installed, bundle: manifest("0.1.5", schema: 2), allowDowngrade: false)
        ) {
            XCTAssertEqual($0 as? BundleError, .downgrade(from: "0.2.0", to: "0.1.5"))
        }
        XCTAssertNoThrow(
            try UpgradePolicy.check(installed: installed, bundle: manifest("0.1.5", schema: 2), allowDowngrade: true))
        XCTAssertThrowsError(
            try UpgradePolicy.check(installed: installed, bundle: manifest("0.1.0", schema: 1), allowDowngrade: true)
        ) {
            XCTAssertEqual($0 as? BundleError, .schemaTooOld(to: "0.1.0", schema: 1, current: 2))
            XCTAssertTrue("\($0)".contains("upgrade:rollback"))
        }
    }

    func testABundleThatNeedsANewerStartingPointIsRefused() {
        XCTAssertThrowsError(
            try UpgradePolicy.check(
                installed: installed, bundle: manifest("1.0.0", schema: 5, minimum: "0.5.0"), allowDowngrade: false)
        ) {
            XCTAssertEqual($0 as? BundleError, .tooOldToUpgrade(current: "0.2.0", minimum: "0.5.0"))
        }
    }
}
