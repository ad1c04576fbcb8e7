import Foundation
import XCTest

@testable import PaasGit

/// Peak memory of archiving a tree with a 50 MB file, measured in a fresh helper process.
final class ArchiveMemoryTests: XCTestCase {
    func testArchivingABigLooseFileKeepsMemoryFlat() throws {
        let fixture = try GitFixture()
        _ = try GitRepository.createBare(at: fixture.bare)
        let size = 50 * 1024 * 1024
        try fixture.write("small.txt", "small\n")
        // Random bytes: zlib cannot shrink them, so the object is as big on disk as in memory.
        try fixture.run("/bin/sh", ["-c", "head -c \(size) /dev/urandom > big.bin"], in: fixture.work)
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "-m", "big"])
        XCTAssertTrue(try fixture.push().succeeded)
        let blob = try fixture.git(["rev-parse", "HEAD:big.bin"])
        let loosePath = fixture.bare + "/objects/" + blob.prefix(2) + "/" + blob.dropFirst(2)
        XCTAssertTrue(FileManager.default.fileExists(atPath: loosePath), "createBare keeps pushes loose")
        let tree = try fixture.git(["rev-parse", "HEAD^{tree}"])

        let loose = try measure(fixture: fixture, tree: tree)
        try fixture.git(["repack", "-a", "-d", "-q"], in: fixture.bare)
        XCTAssertFalse(FileManager.default.fileExists(atPath: loosePath), "now packed")
        let packed = try measure(fixture: fixture, tree: tree)

        print(
            "archive of a 50 MB file, peak RSS of a fresh process: loose \(loose.before) -> \(loose.after) KB,"
                + " packed \(packed.before) -> \(packed.after) KB")
        XCTAssertLessThan(loose.after - loose.before, 16 * 1024, "loose blobs stream")
        XCTAssertGreaterThan(
            packed.after - packed.before, 40 * 1024, "packed blobs are read whole (shows the probe can see it)")
    }

    /// Runs the archive probe in a fresh process; its peak RSS in KB before and after archiving.
    private func measure(fixture: GitFixture, tree: String) throws -> (before: Int, after: Int) {
        let out = fixture.root + "/memory-\(UUID().uuidString)"
        let result = try fixture.run(
            GitFixture.testExecutable, ["PaasGitTests.HelperProcessProbes/testArchiveMemoryProbe"],
            in: fixture.root,
            extraEnvironment: [
                "PAAS_GIT_PROBE": "archive-memory", "PAAS_GIT_PROBE_OUT": out,
                "PAAS_GIT_PROBE_REPO": fixture.bare, "PAAS_GIT_PROBE_TREE": tree,
            ], check: false)
        let report = try readProbeReport(out)
        XCTAssertNil(report["error"], "\(report) \(result.stderrText)")
        XCTAssertGreaterThan(Int(report["bytes"] ?? "") ?? 0, 50 * 1024 * 1024)
        return (Int(report["before-kb"] ?? "") ?? 0, Int(report["after-kb"] ?? "") ?? 0)
    }
}
