import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// `DetachedProcess`, which starts the registry: its own session, only stdin/stdout/stderr
/// inherited, output in the log, ended by pid with nothing left behind.
final class DetachedProcessTests: XCTestCase {
    func testDaemonHasItsOwnSessionNoInheritedDescriptorsAndEndsCleanly() throws {
        let dir = try TempDir(prefix: "paas-detached")
        let inherited = open(dir.file("held"), O_WRONLY | O_CREAT, 0o600)  // no O_CLOEXEC
        XCTAssertGreaterThan(inherited, 2)
        defer { close(inherited) }
        let log = dir.file("out.log")
        let pid = try DetachedProcess.spawn(
            executable: "/bin/sh", arguments: ["-c", "echo started; exec sleep 30"], logFile: log)
        defer { DetachedProcess.terminate(pid) }

        XCTAssertTrue(waitUntil { (try? String(contentsOfFile: log, encoding: .utf8)) == "started\n" })
        XCTAssertTrue(DetachedProcess.isRunning(pid))
        XCTAssertTrue(DetachedProcess.isRunning(pid, executable: "sleep"), "checked against argv[0]")
        XCTAssertFalse(DetachedProcess.isRunning(pid, executable: "/usr/bin/docker-registry"))
        XCTAssertEqual(getsid(pid), pid, "leads a session of its own")
        XCTAssertNotEqual(getpgid(pid), getpgrp())
        let fds = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").sorted()
        XCTAssertEqual(fds, ["0", "1", "2"])
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/0"), "/dev/null")

        DetachedProcess.terminate(pid, grace: .seconds(5))
        XCTAssertFalse(DetachedProcess.isRunning(pid))
        XCTAssertEqual(kill(pid, 0), -1, "reaped: not even a zombie")
    }

    func testAMissingProgramIsAnError() {
        XCTAssertThrowsError(
            try DetachedProcess.spawn(executable: "/nonexistent/prog", arguments: [], logFile: "/dev/null")
        ) { error in
            XCTAssertEqual("\(error)", "cannot run /nonexistent/prog: No such file or directory")
        }
    }
}
