import AppSpec
import XCTest

/// Asserts that `body` throws an `AppSpecError` whose one line is exactly `message`.
func assertRefused<T>(
    _ message: String, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T
) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        XCTAssertEqual((error as? AppSpecError)?.description, message, file: file, line: line)
    }
}
