import Foundation
import XCTest

@testable import PaasStore

/// A fresh directory for one test, removed when the test ends.
func makeTempDirectory(_ test: XCTestCase) throws -> String {
    let path = NSTemporaryDirectory() + "paas-store-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

/// A store on a fresh file.
func makeFileStore(_ test: XCTestCase) throws -> (Store, String) {
    let path = try makeTempDirectory(test) + "/paas.db"
    return (try Store(path: path), path)
}

/// Asserts that `body` throws exactly `expected`.
func assertStoreError<T>(
    _ expected: StoreError, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T
) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        XCTAssertEqual(error as? StoreError, expected, file: file, line: line)
    }
}
