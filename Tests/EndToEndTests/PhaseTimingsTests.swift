import Foundation
import PaasTestSupport
import XCTest

/// Issue 9 item 6, end to end: every deploy ends with a block of phase timings, and each
/// release records them (`releases:info`, `releases --timings`).
final class PhaseTimingsTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws {
        paas = try PaasHarness("timing")
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private var app: String { paas.id.value }

    /// The phases of a push of an app with all three release tasks.
    static let pushPhases = [
        "lock", "reconcile", "build", "predeploy", "release", "start", "checks", "switch", "drain", "postdeploy",
        "total",
    ]
    /// The phases of a release made from an existing image (config:set, rollback).
    static let redeployPhases = ["lock", "reconcile", "start", "checks", "switch", "drain", "total"]

    func testDeploysPrintAndRecordTheirPhaseTimings() throws {
        let repo = try Apps.staticPage("timed\n")
        try repo.write("Procfile", "web: httpd -f -p $PORT -h /www\nrelease: echo migrating\n")
        try repo.write(
            "app.json", #"{"scripts": {"dokku": {"predeploy": "echo before", "postdeploy": "echo after"}}}"#)
        try repo.commit("with tasks")
        let push = try paas.push(repo, app: app)
        XCTAssertTrue(push.succeeded, push.summary)
        let block = try timingsBlock(push.stderrText)
        for title in [
            "lock wait", "reconcile", "build", "predeploy", "release", "start", "checks", "switch", "drain",
            "postdeploy", "total",
        ] {
            XCTAssertTrue(block.contains("\(title) "), "\(title) missing from \(block)")
        }

        let v1 = try timings("v1")
        XCTAssertEqual(v1.keys.sorted(), Self.pushPhases.sorted())
        XCTAssertTrue(v1.values.allSatisfy { $0 >= 0 }, "\(v1)")
        XCTAssertGreaterThan(v1["build"] ?? 0, 0)
        XCTAssertGreaterThanOrEqual(v1["total"] ?? 0, v1["build"] ?? 0)
        let info = try paas.ssh(["releases:info", app, "v1"])
        XCTAssertTrue(info.stdoutText.contains("Timings:      lock wait "), info.stdoutText)

        // A config change rolls the same image out again: no build, no release tasks.
        let set = try paas.ssh(["config:set", app, "GREETING=hi"])
        XCTAssertTrue(set.succeeded, set.summary)
        XCTAssertTrue(try timingsBlock(set.stderrText, atEnd: false).contains("switch "), set.stderrText)
        XCTAssertEqual(try timings("v2").keys.sorted(), Self.redeployPhases.sorted())

        // Without a restart, only waiting for the lock applies.
        XCTAssertTrue(try paas.ssh(["config:set", "--no-restart", app, "QUIET=1"]).succeeded)
        XCTAssertEqual(try timings("v3").keys.sorted(), ["lock", "total"])

        // The same tree again: the build is skipped, and the block says so.
        try repo.commit("nothing changed", allowEmpty: true)
        let same = try paas.push(repo, app: app)
        XCTAssertTrue(same.succeeded, same.summary)
        XCTAssertTrue(try timingsBlock(same.stderrText).contains("build skipped: unchanged"), same.stderrText)

        let rollback = try paas.ssh(["rollback", app, "v1"])
        XCTAssertTrue(rollback.succeeded, rollback.summary)
        XCTAssertEqual(try timings("v4").keys.sorted(), Self.redeployPhases.sorted())

        // A failed build still shows how long it took, and makes no release.
        try repo.write("Dockerfile", "FROM paas/busybox:latest\nRUN exit 1\n")
        try repo.commit("broken")
        let broken = try paas.push(repo, app: app)
        XCTAssertFalse(broken.succeeded, broken.summary)
        let failedBlock = try timingsBlock(broken.stderrText, atEnd: false)
        XCTAssertTrue(failedBlock.contains("build ") && failedBlock.contains("total "), failedBlock)

        let table = try paas.ssh(["releases", app, "--timings"])
        XCTAssertTrue(table.succeeded, table.summary)
        let lines = table.stdoutText.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 6, table.stdoutText)
        let header = lines[1].split(separator: " ").map(String.init)
        XCTAssertEqual(header, ["version"] + Self.pushPhases + ["description"])
        let v1Row = try XCTUnwrap(lines.first { $0.hasPrefix("  v1 ") })
        let v2Row = try XCTUnwrap(lines.first { $0.hasPrefix("  v2 ") })
        XCTAssertTrue(try XCTUnwrap(lines.first { $0.hasPrefix("* v4 ") }).contains("Rollback to v1"))
        XCTAssertNotEqual(column("build", of: v1Row, header: lines[1]), "-")
        XCTAssertEqual(column("build", of: v2Row, header: lines[1]), "-")
        XCTAssertNotEqual(column("total", of: v2Row, header: lines[1]), "-")
    }

    // MARK: - Helpers

    /// The lines under `-----> Timings`; unless `atEnd` is false they must end the output
    /// (before git's own lines, for a push).
    private func timingsBlock(_ stderr: String, atEnd: Bool = true) throws -> String {
        let lines = stderr.split(separator: "\n").map { $0.replacingOccurrences(of: "remote: ", with: "") }
            .filter { !$0.hasPrefix("To ") && !$0.contains(" -> ") }
        let start = try XCTUnwrap(lines.lastIndex { $0.hasPrefix("-----> Timings") }, stderr)
        let block = lines[(start + 1)...].prefix { $0.hasPrefix("       ") }
        XCTAssertFalse(block.isEmpty, stderr)
        if atEnd { XCTAssertEqual(start + 1 + block.count, lines.count, "the timings end the output: \(stderr)") }
        return block.joined(separator: "\n")
    }

    /// `releases:info APP VERSION --format json`'s timings, milliseconds by phase.
    private func timings(_ version: String) throws -> [String: Int] {
        let info = try paas.ssh(["releases:info", "--format", "json", app, version])
        XCTAssertTrue(info.succeeded, info.summary)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(info.stdout)) as? [String: Any])
        return try XCTUnwrap(object["timings"] as? [String: Int], "\(object)")
    }

    /// The cell of `name`'s column in `row` of the `releases --timings` table.
    private func column(_ name: String, of row: String, header: String) -> String {
        guard let range = header.range(of: " \(name) ") else { return "?" }
        let start = header.distance(from: header.startIndex, to: range.lowerBound) + 1
        return String(row.dropFirst(start).prefix { $0 != " " })
    }
}
