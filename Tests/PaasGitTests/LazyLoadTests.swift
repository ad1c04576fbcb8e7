import Foundation
import XCTest

@testable import PaasGit

/// libgit2 (and libcurl) are opened on first use, not at process start; without libgit2 the
/// git layer fails with one line saying what to install. Each case runs in a fresh helper process.
final class LazyLoadTests: XCTestCase {
    func testLibrariesAreLoadedOnlyWhenFirstUsed() throws {
        let fixture = try GitFixture()
        let report = try probe("lazy-load", test: "testLazyLoadProbe", fixture: fixture, extraEnvironment: [:])
        XCTAssertNil(report["error"], "\(report)")
        XCTAssertEqual(report["start-curl"], "false", "libcurl mapped at start: \(report)")
        XCTAssertEqual(report["start-git"], "false", "libgit2 mapped at start: \(report)")
        XCTAssertEqual(report["opened-git"], "true", "libgit2 loaded once a repository is opened: \(report)")
    }

    func testMissingLibgit2IsAOneLineErrorNamingThePackage() throws {
        let fixture = try GitFixture()
        _ = try GitRepository.createBare(at: fixture.bare)
        // An empty file with each name the loader tries: dlopen finds it first and rejects it.
        let broken = fixture.root + "/broken-libs"
        try FileManager.default.createDirectory(atPath: broken, withIntermediateDirectories: true)
        for name in ["libgit2.so.1.5", "libgit2.so"] {
            FileManager.default.createFile(atPath: broken + "/" + name, contents: Data())
        }
        let report = try probe(
            "missing-libgit2", test: "testMissingLibraryProbe", fixture: fixture, extraEnvironment: ["LD_LIBRARY_PATH": broken])
        let message = try XCTUnwrap(report["message"], "\(report)")
        XCTAssertTrue(message.hasPrefix("cannot load libgit2.so.1.5: "), message)
        XCTAssertTrue(message.contains(broken + "/libgit2.so.1.5"), "names the file dlopen rejected: \(message)")
        XCTAssertTrue(message.hasSuffix("apt-get install libgit2-1.5)"), message)
        XCTAssertFalse(message.contains("\n"), message)
    }

    /// Runs the probe `name` (the helper test `test`) in a fresh copy of this test executable.
    private func probe(
        _ name: String, test: String, fixture: GitFixture, extraEnvironment: [String: String]
    ) throws -> [String: String] {
        let out = fixture.root + "/probe-\(UUID().uuidString)"
        let result = try fixture.run(
            GitFixture.testExecutable, ["PaasGitTests.HelperProcessProbes/\(test)"], in: fixture.root,
            extraEnvironment: extraEnvironment.merging([
                "PAAS_GIT_PROBE": name, "PAAS_GIT_PROBE_OUT": out, "PAAS_GIT_PROBE_REPO": fixture.bare,
            ]) { $1 },
            check: false)
        guard FileManager.default.fileExists(atPath: out) else {
            throw FixtureError(message: "probe \(name) wrote no report: \(result.stderrText)")
        }
        return try readProbeReport(out)
    }
}
