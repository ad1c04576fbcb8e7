import AppSpec
import XCTest

final class ProcessScaleTests: XCTestCase {
    func testParsesInOrder() throws {
        let scale = try ProcessScale.parse(["web=2", "worker=0", "Clock_1=10"])
        XCTAssertEqual(scale.map(\.process), ["web", "worker", "Clock_1"])
        XCTAssertEqual(scale.map(\.quantity), [2, 0, 10])
    }

    func testBadArguments() {
        assertRefused("no process=quantity pairs given: expected e.g. web=2 worker=1") { try ProcessScale.parse([]) }
        assertRefused("quantity of 'web' must be a whole number, 0 or more, got '-1'") { try ProcessScale.parse(["web=-1"]) }
        assertRefused("quantity of 'web' must be a whole number, 0 or more, got 'abc'") { try ProcessScale.parse(["web=abc"]) }
        assertRefused("quantity of 'web' must be a whole number, 0 or more, got ''") { try ProcessScale.parse(["web="]) }
        assertRefused("quantity of 'web' must be a whole number, 0 or more, got '99999999999999999999'") {
            try ProcessScale.parse(["web=99999999999999999999"])
        }
        assertRefused("'web' is not a process=quantity pair: expected e.g. web=2") { try ProcessScale.parse(["web"]) }
        assertRefused("invalid process type '' in '=2': expected letters, digits, '_' or '-', e.g. web=2") {
            try ProcessScale.parse(["=2"])
        }
        assertRefused("process type 'web' is given twice") { try ProcessScale.parse(["web=1", "web=2"]) }
    }
}
