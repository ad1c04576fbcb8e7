import Foundation
import PaasTestSupport
import XCTest

@testable import PaasUpgrade

/// `upgrade < BUNDLE` over ssh reads stdin: capped, and never empty.
final class BundleInputTests: XCTestCase {
    func testABundlePastTheCapIsRefused() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("big.tar.gz", [UInt8](repeating: 7, count: 300_000))
        XCTAssertNoThrow(try BundleInput.file(dir.file("big.tar.gz")).copy(to: dir.file("copy"), limit: 300_000))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir.file("copy"))).count, 300_000)
        XCTAssertThrowsError(try BundleInput.file(dir.file("big.tar.gz")).copy(to: dir.file("copy2"), limit: 299_999)) {
            XCTAssertEqual($0 as? BundleError, .tooLarge(limit: 299_999))
        }
        XCTAssertEqual(BundleInput.limit, 1 << 30)
    }

    func testAnEmptyBundleIsRefused() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("empty.tar.gz", "")
        XCTAssertThrowsError(try BundleInput.file(dir.file("empty.tar.gz")).copy(to: dir.file("copy"))) {
            XCTAssertEqual($0 as? BundleError, .unreadable("it is empty"))
        }
    }
}
