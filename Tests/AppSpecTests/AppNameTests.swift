import AppSpec
import XCTest

final class AppNameTests: XCTestCase {
    static let expected =
        "expected 1 to 63 lowercase letters, digits or '-', starting with a letter and not ending with '-'"

    func testValidNames() throws {
        for name in ["a", "myapp", "my-app-2", "a1", "x--y", String(repeating: "a", count: 63)] {
            XCTAssertEqual(try AppName.validate(name), name)
        }
    }

    func testInvalidNames() {
        for name in ["../etc", "A", "a b", "", String(repeating: "a", count: 64), "app-", "1app", "-app", "my_app", "app.x", "é"] {
            assertRefused("invalid app name '\(name)': \(Self.expected)") { try AppName.validate(name) }
        }
    }
}
