import Foundation
import PaasStore
import XCTest

@testable import PaasDeploy

/// A commit's objects by path, as `InputLookup` sees them: trees end in "/" in `objects`.
private struct FakeLookup: InputLookup {
    var trees: [String: String]
    var files: [String: String] = [:]
    var reads = Counter()

    final class Counter: @unchecked Sendable {
        // @unchecked: tests call it from one thread.
        var count = 0
    }

    func treeID(commit: String, path: String?) throws -> String? {
        reads.count += 1
        return trees[path ?? ""]
    }

    func objectID(commit: String, path: String) throws -> String? {
        reads.count += 1
        return trees[path] ?? files[path]
    }
}

final class RepoChangeDecisionTests: XCTestCase {
    private let commit = String(repeating: "c", count: 40)

    private func live(version: Int, inputs: [String: String]?) -> Release {
        var draft = ReleaseDraft(app: "api", image: "paas/api:v\(version)")
        draft.inputs = inputs
        return Release(draft, version: version, live: true)
    }

    func testInputsAreTheBuildDirTreeAndEachWatchedPath() throws {
        let lookup = FakeLookup(
            trees: ["": "root", "services/api": "t-api", "lib": "t-lib"], files: ["Procfile": "b-proc"])
        let inputs = try AppInputs.read(
            lookup, commit: commit, buildDir: "services/api", watch: ["lib", "Procfile", "docs"])
        XCTAssertEqual(
            inputs, ["services/api": "t-api", "lib": "t-lib", "Procfile": "b-proc", "docs": AppInputs.absent])
        XCTAssertEqual(try AppInputs.read(lookup, commit: commit, buildDir: nil, watch: []), ["": "root"])
    }

    func testAMissingBuildDirIsThatAppsError() {
        let lookup = FakeLookup(trees: ["": "root"])
        XCTAssertThrowsError(try AppInputs.read(lookup, commit: commit, buildDir: "services/gone", watch: [])) {
            error in
            XCTAssertTrue("\(error)".contains("has no directory 'services/gone'"), "\(error)")
        }
    }

    func testUnchangedInputsSkipWithTheLiveVersion() {
        let inputs = ["services/api": "t1", "lib": "l1"]
        let decision = ChangeDecision.decide(
            inputs: .success(inputs), live: live(version: 7, inputs: inputs), stopped: false)
        XCTAssertEqual(decision, .unchanged(since: 7))
    }

    func testAChangedWatchedPathDeploysAndSaysWhich() {
        let decision = ChangeDecision.decide(
            inputs: .success(["services/api": "t1", "lib": "l2"]),
            live: live(version: 7, inputs: ["services/api": "t1", "lib": "l1"]), stopped: false)
        XCTAssertEqual(decision, .deploy(reason: "changed since v7: lib"))
    }

    func testAFailedLastDeployIsRetriedByANextPushThatTouchesNothingOfIt() {
        // v3 is live with t1; a push with t2 failed (the live release stayed v3); the next push
        // changes another app only, so this app's inputs are still t2: it deploys again.
        let decision = ChangeDecision.decide(
            inputs: .success(["services/api": "t2"]), live: live(version: 3, inputs: ["services/api": "t1"]),
            stopped: false)
        XCTAssertEqual(decision, .deploy(reason: "changed since v3: services/api"))
    }

    func testAnAppLinkedAfterItsLastDeployOrNeverDeployedDeploys() {
        XCTAssertEqual(
            ChangeDecision.decide(inputs: .success(["": "r"]), live: live(version: 2, inputs: nil), stopped: false),
            .deploy(reason: "no inputs recorded for v2"))
        XCTAssertEqual(
            ChangeDecision.decide(inputs: .success(["": "r"]), live: nil, stopped: false),
            .deploy(reason: "not deployed yet"))
        // Linking with another watch list changes the inputs' paths: that deploys too.
        XCTAssertEqual(
            ChangeDecision.decide(
                inputs: .success(["api": "t", "lib": "l"]), live: live(version: 4, inputs: ["api": "t"]), stopped: false
            ),
            .deploy(reason: "changed since v4: lib"))
    }

    func testAStoppedAppIsNeverDeployedEvenWhenChanged() {
        XCTAssertEqual(
            ChangeDecision.decide(
                inputs: .success(["api": "new"]), live: live(version: 1, inputs: ["api": "old"]), stopped: true),
            .stopped)
        XCTAssertEqual(
            ChangeDecision.decide(inputs: .success(["api": "t"]), live: nil, stopped: true, ifChanged: false), .stopped)
    }

    func testUnreadableInputsFailThatAppOnly() {
        struct Missing: Error, CustomStringConvertible { var description: String { "commit c has no directory 'x'" } }
        XCTAssertEqual(
            ChangeDecision.decide(inputs: .failure(Missing()), live: nil, stopped: false),
            .invalid("commit c has no directory 'x'"))
    }

    func testWithoutIfChangedUnchangedAppsDeployAnyway() {
        let inputs = ["api": "t"]
        XCTAssertEqual(
            ChangeDecision.decide(
                inputs: .success(inputs), live: live(version: 5, inputs: inputs), stopped: false, ifChanged: false),
            .deploy(reason: "asked to deploy"))
    }

    func testTheDecisionReadsOneTreeIdPerInputAndNoFile() throws {
        let lookup = FakeLookup(trees: ["services/api": "t", "lib": "l"])
        _ = try AppInputs.read(lookup, commit: commit, buildDir: "services/api", watch: ["lib", "services/api"])
        XCTAssertEqual(lookup.reads.count, 2, "a watch path equal to the build dir is read once")
    }

    func testTheTableShowsEveryOutcome() {
        let lines = RepoDeployResult.table([
            .init(app: "api", outcome: .deployed(version: 4), seconds: 12.34),
            .init(app: "web", outcome: .skipped(since: 2)),
            .init(app: "worker", outcome: .failed("release task failed")),
            .init(app: "cron", outcome: .stopped),
        ])
        XCTAssertEqual(lines.count, 5)
        XCTAssertTrue(lines[0].hasPrefix("app     result"), lines[0])
        XCTAssertTrue(lines[1].contains("deployed v4") && lines[1].hasSuffix("12 s"), lines[1])
        XCTAssertTrue(lines[2].contains("skipped: unchanged since v2") && lines[2].hasSuffix("-"), lines[2])
        XCTAssertTrue(lines[3].contains("failed: release task failed"), lines[3])
        XCTAssertTrue(lines[4].contains("stopped, not deployed"), lines[4])
    }

    func testWatchPathsMustStayInsideTheRepository() throws {
        XCTAssertEqual(try SharedRepos.normalize(watch: "./lib/"), "lib")
        for bad in ["/etc", "../other", "lib/../../x", ".", ""] {
            XCTAssertThrowsError(try SharedRepos.normalize(watch: bad), bad) { error in
                XCTAssertEqual(error as? RepoError, .watchOutside(bad))
            }
        }
    }

    func testParallelRunnerKeepsOrderAndBound() {
        final class Peak: @unchecked Sendable {
            // @unchecked: guarded by lock.
            let lock = NSLock()
            var now = 0
            var peak = 0
        }
        let peak = Peak()
        let out = ParallelRunner.map(Array(0..<8), limit: 3) { n -> Int in
            peak.lock.withLock {
                peak.now += 1
                peak.peak = max(peak.peak, peak.now)
            }
            Thread.sleep(forTimeInterval: 0.05)
            peak.lock.withLock { peak.now -= 1 }
            return n * 10
        }
        XCTAssertEqual(out, [0, 10, 20, 30, 40, 50, 60, 70])
        XCTAssertEqual(peak.peak, 3, "three at once, no more")
    }
}
