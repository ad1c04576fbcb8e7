import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// The test scaffolding itself: a real sshd with forced commands, a real nginx, git fixtures.
final class TestSupportTests: XCTestCase {
    func testSSHDRunsTheForcedCommandWithTheClientsWords() throws {
        let sshd = try TestSSHD()
        try sshd.authorize(command: "/bin/echo forced:$SSH_ORIGINAL_COMMAND")

        let result = try sshd.ssh(["apps:list", "--format", "json"])

        XCTAssertTrue(result.succeeded, result.summary + "\n" + sshd.log)
        XCTAssertEqual(result.stdoutText, "forced:apps:list --format json\n")
    }

    func testSSHDPassesStdinAndSetEnvToTheForcedCommand() throws {
        let sshd = try TestSSHD(environment: ["PAAS_ROOT": "/tmp/some root"])
        try sshd.authorize(command: "printf '%s|' \"$PAAS_ROOT\"; cat")

        let result = try sshd.ssh(["anything"], stdin: Array("from stdin".utf8))

        XCTAssertTrue(result.succeeded, result.summary)
        XCTAssertEqual(result.stdoutText, "/tmp/some root|from stdin")
    }

    func testSSHDRefusesAKeyThatIsNotAuthorized() throws {
        let sshd = try TestSSHD()
        try sshd.authorize(command: "/bin/echo should-not-run")
        let stranger = try sshd.makeKey("stranger")

        let result = try sshd.ssh(["hello"], key: stranger)

        XCTAssertEqual(result.status, .exited(255), result.summary)
        XCTAssertFalse(result.stdoutText.contains("should-not-run"))
        XCTAssertTrue(result.stderrText.contains("Permission denied"), result.stderrText)
    }

    func testSSHDStopsItsProcess() throws {
        let sshd = try TestSSHD()
        let port = sshd.port
        sshd.stop()
        XCTAssertTrue(waitUntil(timeout: .seconds(5)) { !loopbackPortAccepts(port) })
    }

    func testNginxAnswers404AndServesABlockAfterReload() throws {
        let nginx = try TestNginx()
        XCTAssertEqual(try nginx.get(host: "nothing.test").status, 404)

        try FileManager.default.createDirectory(atPath: nginx.proxyDirectory + "/static", withIntermediateDirectories: true)
        let block = """
            server {
                listen \(nginx.listen);
                server_name app.test;
                location / { return 200 "hello from app\\n"; }
            }

            """
        try Data(block.utf8).write(to: URL(fileURLWithPath: nginx.proxyDirectory + "/app.conf"))
        try nginx.test()
        try nginx.reload()

        let answer = try nginx.waitFor(host: "app.test", status: 200)
        XCTAssertEqual(answer.status, 200, nginx.errorLog)
        XCTAssertEqual(answer.body, "hello from app\n")
        XCTAssertEqual(try nginx.get(host: "other.test").status, 404)
    }

    func testNginxTestCommandRejectsABrokenBlock() throws {
        let nginx = try TestNginx()
        try Data("server { listen \(nginx.listen); bogus_directive on; }\n".utf8)
            .write(to: URL(fileURLWithPath: nginx.proxyDirectory + "/broken.conf"))

        let command = nginx.testCommand()
        let result = try Run.command(command[0], Array(command.dropFirst()))

        XCTAssertFalse(result.succeeded)
        XCTAssertTrue(result.stderrText.contains("bogus_directive"), result.stderrText)
        XCTAssertEqual(try nginx.get(host: "x.test").status, 404, "the running instance keeps serving")
    }

    func testGitFixturePushesOverTheTestSSHD() throws {
        let sshd = try TestSSHD()
        let bare = try TempDir(prefix: "paas-bare")
        try Run.checked("git", ["init", "-q", "--bare", bare.path])
        // A forced command in the style of paas: run git-receive-pack on a fixed repository.
        try sshd.authorize(command: "git-receive-pack '\(bare.path)'")
        let repo = try GitFixture()
        try repo.write("Procfile", "web: httpd -f -p 5000\n")
        let commit = try repo.commit("first")

        let result = try repo.push(to: sshd, app: "myapp")

        XCTAssertTrue(result.succeeded, result.summary + "\n" + sshd.log)
        let pushed = try Run.checked("git", ["--git-dir", bare.path, "rev-parse", "main"]).stdoutText
        XCTAssertEqual(pushed.trimmingCharacters(in: .whitespacesAndNewlines), commit)
    }

    func testTestIDsAreUniqueAndUsableAsNames() {
        let a = TestID("Deploy_Test"), b = TestID("Deploy_Test")
        XCTAssertNotEqual(a, b)
        XCTAssertTrue(a.value.hasPrefix("deploytest-"), a.value)
        XCTAssertNil(a.value.range(of: "[^a-z0-9-]", options: .regularExpression))
        XCTAssertEqual(a.labels, ["paas.test": a.value])
    }

    func testPathsFindTheRepositoryAndTheBuiltProducts() throws {
        XCTAssertTrue(FileManager.default.fileExists(atPath: TestPaths.repoRoot + "/Package.swift"))
        try TestPaths.requireBuilt(TestPaths.paas)
        try TestPaths.requireBuilt(TestPaths.paasPreReceive)
    }

    func testTempDirIsRemovedWhenReleased() throws {
        var dir: TempDir? = try TempDir()
        let path = try dir!.write("a/b.txt", "x")
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        let root = dir!.path
        dir = nil
        XCTAssertFalse(FileManager.default.fileExists(atPath: root))
    }
}
