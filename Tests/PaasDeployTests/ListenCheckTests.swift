import Foundation
import XCTest

@testable import PaasDeploy

/// Readiness from a socket table: a LISTEN socket on the port, at an address Docker's proxy reaches.
final class ListenCheckTests: XCTestCase {
    let header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"

    func testWildcardListenerOnThePortIsReady() {
        let v6 = header + "   0: 00000000000000000000000000000000:1388 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n"
        XCTAssertTrue(ListenCheck.listens(table: v6, port: 5000))
        XCTAssertFalse(ListenCheck.listens(table: v6, port: 5001), "another port")
        let v4 = header + "   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n"
        XCTAssertTrue(ListenCheck.listens(table: v4, port: 8080))
    }

    func testLoopbackOnlyOrNotListeningIsNotReady() {
        let loopback = header
            + "   0: 0100007F:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n"
            + "   1: 00000000000000000000000001000000:1388 00000000000000000000000000000000:0000 0A 0 0 0 0 0 1 1\n"
        XCTAssertFalse(ListenCheck.listens(table: loopback, port: 5000), "Docker's proxy cannot reach 127.0.0.1 in the container")
        let established = header + "   0: 00000000:1388 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 1 1\n"
        XCTAssertFalse(ListenCheck.listens(table: established, port: 5000), "a connection, not a listener")
    }

    func testUnreadableTableFallsBackToProbing() {
        XCTAssertNil(ListenCheck.listening(pid: 0, port: 5000))
        XCTAssertNil(ListenCheck.listening(pid: Int(Int32.max), port: 5000), "no such process")
    }
}
