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
