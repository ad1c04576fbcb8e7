import Foundation
import XCTest

@testable import PaasStore

/// Issue 9 item 6: a release's phase timings, as stored and as shown.
final class PhaseTimingsStoreTests: XCTestCase {
    func testTimingsAreAJSONObjectOfMillisecondsAndKeepUnknownPhases() throws {
        let timings = PhaseTimings([.build: 3120, .switchTraffic: 15, .total: 5230])
        let json = String(decoding: try JSONEncoder.sorted.encode(timings), as: UTF8.self)
        XCTAssertEqual(json, #"{"build":3120,"switch":15,"total":5230}"#)
        let newer = try JSONDecoder().decode(PhaseTimings.self, from: Data(#"{"build":1,"warmup":7}"#.utf8))
        XCTAssertEqual(newer.milliseconds, ["build": 1, "warmup": 7])
        XCTAssertEqual(newer.phases.map(\.phase), [.build])
    }

    func testTextIsMillisecondsBelowASecondElseTenthsOfSeconds() {
        XCTAssertEqual(PhaseTimings.text(milliseconds: 0), "0 ms")
        XCTAssertEqual(PhaseTimings.text(milliseconds: 999), "999 ms")
        XCTAssertEqual(PhaseTimings.text(milliseconds: 1000), "1.0 s")
        XCTAssertEqual(PhaseTimings.text(milliseconds: 3149), "3.1 s")
        XCTAssertEqual(PhaseTimings.text(milliseconds: 3150), "3.2 s")
        XCTAssertEqual(PhaseTimings.text(milliseconds: 125_000), "125.0 s")
    }

    func testARecordedReleaseGetsItsTimingsLater() throws {
        let store = try Store(path: try makeTempDirectory(self) + "/state.db")
        try store.createApp("timed")
        let release = try store.recordRelease(ReleaseDraft(app: "timed", image: "paas/timed:v1"), config: nil)
        XCTAssertNil(release.timings)
        let timings = PhaseTimings([.lock: 1, .build: 2500, .total: 4000])
        try store.setTimings("timed", version: release.version, timings)
        XCTAssertEqual(try store.release("timed", version: release.version)?.timings, timings)
        XCTAssertEqual(try store.releases("timed").first?.timings, timings)
        XCTAssertThrowsError(try store.setTimings("timed", version: 9, timings)) { error in
            XCTAssertEqual("\(error)", "\(StoreError.noSuchRelease(app: "timed", version: 9))")
        }
    }
}

extension JSONEncoder {
    fileprivate static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}
