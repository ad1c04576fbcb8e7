import Foundation
import PaasSupport
import XCTest

@testable import PaasDeploy

final class AppLockTests: XCTestCase {
    func testSecondHolderWaitsThenFailsNamingTheFirst() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paas-lock-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = StateRoot(path: dir)
        let first = try AppLock.acquire(root: root, app: "shop", holder: "a push by alice", wait: .seconds(1))
        XCTAssertNotNil(AppLock.holder(root: root, app: "shop"))
        var told: String?
        XCTAssertThrowsError(
            try AppLock.acquire(root: root, app: "shop", holder: "bob", wait: .milliseconds(200), onWait: { told = $0 })
        ) { error in
            XCTAssertTrue("\(error)".contains("a push by alice"), "\(error)")
        }
        XCTAssertTrue(told?.contains("a push by alice") ?? false)
        XCTAssertEqual(AppLock.holderPID(root: root, app: "shop"), getpid())
        first.release()
        XCTAssertNil(AppLock.holder(root: root, app: "shop"))
        let second = try AppLock.acquire(root: root, app: "shop", holder: "bob", wait: .seconds(1))
        second.release()
    }

    func testOtherAppsAreIndependent() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paas-lock-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = StateRoot(path: dir)
        let a = try AppLock.acquire(root: root, app: "a", holder: "x", wait: .seconds(1))
        let b = try AppLock.acquire(root: root, app: "b", holder: "y", wait: .milliseconds(100))
        a.release()
        b.release()
    }
}

/// The upgrade's gate (UpgradeGate): while it is up, no app lock is given out.
final class UpgradeGateTests: XCTestCase {
    func testNoLockWhileAnUpgradeRuns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paas-gate-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = StateRoot(path: dir)
        try FileManager.default.createDirectory(atPath: UpgradeGate.directory(root), withIntermediateDirectories: true)
        let gate = UpgradeGate(id: "u1", version: "0.2.0", kind: "upgrade")
        try JSONEncoder().encode(gate).write(to: URL(fileURLWithPath: UpgradeGate.file(root)))
        XCTAssertEqual(UpgradeGate.current(root), gate)
        XCTAssertThrowsError(try AppLock.acquire(root: root, app: "shop", holder: "a push", wait: .seconds(1))) {
            XCTAssertEqual("\($0)", "paas is upgrading to 0.2.0 (u1): try again when upgrade:status says it is done")
        }
        XCTAssertNoThrow(try UpgradeGate.check(root, environment: [UpgradeGate.passVariable: "u1"]), "the upgrade's own commands pass")
        XCTAssertThrowsError(try UpgradeGate.check(root, environment: [UpgradeGate.passVariable: "u2"]))
        try FileManager.default.removeItem(atPath: UpgradeGate.file(root))
        let lock = try AppLock.acquire(root: root, app: "shop", holder: "a push", wait: .seconds(1))
        lock.release()
    }

    func testAWaiterIsRefusedWhenTheGateGoesUp() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paas-gate-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = StateRoot(path: dir)
        let held = try AppLock.acquire(root: root, app: "shop", holder: "a running deploy", wait: .seconds(1))
        try FileManager.default.createDirectory(atPath: UpgradeGate.directory(root), withIntermediateDirectories: true)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
            let gate = UpgradeGate(id: "u1", version: "0.2.0", kind: "upgrade")
            try? JSONEncoder().encode(gate).write(to: URL(fileURLWithPath: UpgradeGate.file(root)))
        }
        XCTAssertThrowsError(try AppLock.acquire(root: root, app: "shop", holder: "a new push", wait: .seconds(5))) {
            XCTAssertTrue("\($0)".contains("upgrading to 0.2.0"), "\($0)")
        }
        held.release()
    }
}
