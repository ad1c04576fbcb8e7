import PaasStore
import PaasSupport
import PaasTestSupport
import XCTest

@testable import PaasDeploy

/// Issue 9 item 6: the deploy's phase timer, on a clock the test moves.
final class PhaseTimerTests: XCTestCase {
    private struct Failure: Error {}

    func testPhasesAddUpAndTheTotalRunsFromTheStart() {
        let clock = ManualClock()
        let stopwatch = Stopwatch(clock: clock)
        clock.advance(by: .seconds(5))  // before the deploy: not in its total
        let timer = PhaseTimer(stopwatch: stopwatch)
        timer.measure(.lock) { clock.advance(by: .milliseconds(40)) }
        clock.advance(by: .milliseconds(10))  // between phases: only in the total
        timer.begin(.build)
        clock.advance(by: .milliseconds(1500))
        timer.end(.build)
        // A phase that runs twice (two locks of a rename) adds up.
        timer.measure(.lock) { clock.advance(by: .milliseconds(2)) }
        XCTAssertThrowsError(
            try timer.measure(.checks) {
                clock.advance(by: .milliseconds(300)); throw Failure()
            })
        timer.end(.drain)  // never begun: ignored

        XCTAssertEqual(timer.timings, PhaseTimings([.lock: 42, .build: 1500, .checks: 300, .total: 1852]))
    }

    func testAPhaseStillRunningCountsUntilNow() {
        let clock = ManualClock()
        let timer = PhaseTimer(stopwatch: Stopwatch(clock: clock))
        timer.begin(.start)
        clock.advance(by: .milliseconds(700))
        XCTAssertEqual(timer.timings[.start], 700)
        clock.advance(by: .milliseconds(300))
        XCTAssertEqual(timer.timings, PhaseTimings([.start: 1000, .total: 1000]))
    }

    func testTheBlockListsPhasesInDeployOrderWithSkippedOnes() {
        let clock = ManualClock()
        let timer = PhaseTimer(stopwatch: Stopwatch(clock: clock))
        timer.measure(.reconcile) { clock.advance(by: .milliseconds(12)) }
        timer.measure(.lock) { clock.advance(by: .milliseconds(3)) }
        timer.skip(.build, because: "unchanged")
        XCTAssertEqual(timer.lines(), ["lock wait 3 ms | reconcile 12 ms | build skipped: unchanged", "total 15 ms"])

        let all = PhaseTimings(Dictionary(uniqueKeysWithValues: DeployPhase.allCases.map { ($0, 1234) }))
        let lines = timer.lines(all)
        XCTAssertEqual(
            lines.joined(separator: " | "),
            DeployPhase.allCases.map { "\($0.title) 1.2 s" }.joined(separator: " | "))
        XCTAssertTrue(lines.allSatisfy { $0.count <= 80 }, "\(lines)")
    }
}
