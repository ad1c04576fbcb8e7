import XCTest

@testable import DockerEngine

/// A stream without newlines is handed over in pieces of at most `LineSplitter.maxLine` bytes.
final class LineCapTests: XCTestCase {
    func testALineWithoutEndIsCutAtTheCap() {
        var splitter = LineSplitter()
        var lines: [Int] = []
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 300 << 10)
        for _ in 0..<8 { chunk.withUnsafeBytes { splitter.feed($0) { lines.append($0.count) } } }
        splitter.finish { lines.append($0.count) }
        XCTAssertEqual(lines, [1 << 20, 1 << 20, 352 << 10])
    }
}
