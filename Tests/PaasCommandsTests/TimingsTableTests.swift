import Foundation
import PaasStore
import XCTest

@testable import PaasCommands

/// `releases --timings`: one column per phase any listed release has, `-` where one lacks it.
final class TimingsTableTests: XCTestCase {
    private func release(_ version: Int, _ description: String, _ timings: PhaseTimings?) -> Release {
        var release = Release(ReleaseDraft(app: "a", description: description), version: version)
        release.timings = timings
        return release
    }

    func testColumnsFollowTheDeployOrderAndLineUp() {
        let rows = TimingsTable.rows(
            [
                release(3, "Set A", PhaseTimings([.lock: 1, .switchTraffic: 15, .total: 900])),
                release(2, "Deploy 1234567", PhaseTimings([.lock: 2, .build: 31_250, .total: 34_000])),
                release(1, "Before timings", nil),
            ], live: 3)
        XCTAssertEqual(
            rows,
            [
                "version  lock  build   switch  total   description",
                "* v3     1 ms  -       15 ms   900 ms  Set A",
                "  v2     2 ms  31.3 s  -       34.0 s  Deploy 1234567",
                "  v1     -     -       -       -       Before timings",
            ])
    }

    func testSummaryNamesTheLockWait() {
        XCTAssertEqual(
            TimingsTable.summary(PhaseTimings([.total: 1500, .lock: 0, .checks: 20])),
            "lock wait 0 ms, checks 20 ms, total 1.5 s")
    }
}
