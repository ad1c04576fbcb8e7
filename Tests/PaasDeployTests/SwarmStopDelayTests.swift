import Foundation
import XCTest

@testable import PaasDeploy

/// The wrapper swarm web tasks run in: SIGTERM reaches the app only after PAAS_STOP_DELAY.
final class SwarmStopDelayTests: XCTestCase {
    func testTheAppGetsSIGTERMOnlyAfterTheDelayAndItsStatusIsKept() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The "app" exits 7 on SIGTERM and says when it got it.
        let marker = NSTemporaryDirectory() + "stop-delay-\(UUID().uuidString)"
        process.arguments = [
            "-c", SwarmStopDelay.script, "paas-stop-delay", "/bin/sh", "-c",
            "trap 'touch \"$0\"; exit 7' TERM; while :; do sleep 0.05; done", marker,
        ]
        process.environment = ["PAAS_STOP_DELAY": "1", "PATH": "/usr/bin:/bin"]
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        Thread.sleep(forTimeInterval: 0.3)
        let sent = Date()
        kill(process.processIdentifier, SIGTERM)
        Thread.sleep(forTimeInterval: 0.6)
        XCTAssertTrue(process.isRunning, "stopped before the delay")
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "the app got SIGTERM before the delay")
        process.waitUntilExit()
        let took = Date().timeIntervalSince(sent)
        XCTAssertEqual(process.terminationStatus, 7, "the app's own exit status")
        XCTAssertTrue(FileManager.default.fileExists(atPath: marker), "the app got SIGTERM")
        XCTAssertGreaterThanOrEqual(took, 0.95)
        XCTAssertLessThan(took, 5)
        try? FileManager.default.removeItem(atPath: marker)
    }

    func testAnAppThatEndsByItselfEndsTheTaskWithItsStatus() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", SwarmStopDelay.script, "paas-stop-delay", "/bin/sh", "-c", "exit 3"]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 3)
    }
}
