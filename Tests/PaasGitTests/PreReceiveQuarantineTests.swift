import Foundation
import XCTest

@testable import PaasGit

/// A real `git push` into a bare repo whose pre-receive hook runs `GitRepository` (this test
/// executable, started as a helper process by the hook with git's own hook environment).
final class PreReceiveQuarantineTests: XCTestCase {
    func testOpenSeesQuarantinedObjectsInsideARealPreReceiveHook() throws {
        let fixture = try GitFixture()
        _ = try GitRepository.createBare(at: fixture.bare)
        try fixture.commitStandardTree()
        let head = try fixture.git(["rev-parse", "HEAD"])
        let hook = fixture.bare + "/hooks/pre-receive"
        let script = """
            #!/bin/sh
            PAAS_GIT_PROBE=pre-receive '\(GitFixture.testExecutable)' \
            PaasGitTests.HelperProcessProbes/testPreReceiveProbe >/dev/null 2>&1
            echo "rejected by the test hook" >&2
            exit 1

            """
        try Data(script.utf8).write(to: URL(fileURLWithPath: hook))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        let reportPath = fixture.root + "/probe-report"

        let push = try fixture.push(extraEnvironment: ["PAAS_GIT_PROBE_OUT": reportPath])

        XCTAssertFalse(push.succeeded, "the hook rejects every push")
        XCTAssertTrue(push.stderrText.contains("rejected by the test hook"), push.stderrText)
        let report = try readProbeReport(reportPath)
        XCTAssertNil(report["error"], report["error"] ?? "")
        XCTAssertTrue(report["quarantine-env"]?.contains("/objects/tmp_objdir-incoming") == true, "\(report)")
        XCTAssertEqual(report["plain"], "missing", "without the hook environment the commit is invisible")
        XCTAssertEqual(report["commit"], head)
        XCTAssertEqual(report["api-tree"], try fixture.git(["rev-parse", "HEAD:services/api"]))
        XCTAssertEqual(report["api-procfile"], "web: api")
        XCTAssertGreaterThan(Int(report["archive-bytes"] ?? "") ?? 0, 10 * 512)

        // The push was rejected, so git dropped the quarantine: the commit existed only there.
        XCTAssertThrowsError(try GitRepository.open(at: fixture.bare).commit(head))
    }
}
