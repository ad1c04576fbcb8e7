import AppSpec
import Foundation
import XCTest

final class ConfigPairsTests: XCTestCase {
    func testSplitsAtTheFirstEquals() throws {
        let pairs = try ConfigPairs.parse(["A=1", "_B=x=y==", "EMPTY=", "Multi=line1\nline2", "U=日本 'q' $x"], encoded: false)
        XCTAssertEqual(pairs.map(\.key), ["A", "_B", "EMPTY", "Multi", "U"])
        XCTAssertEqual(pairs.map(\.value), ["1", "x=y==", "", "line1\nline2", "日本 'q' $x"])
    }

    func testBadPairsSayWhatIsExpected() {
        assertRefused("no KEY=VALUE pairs given: expected at least one, e.g. KEY=value") {
            try ConfigPairs.parse([], encoded: false)
        }
        assertRefused("invalid config key '1A': expected letters, digits and '_', not starting with a digit") {
            try ConfigPairs.parse(["1A=x"], encoded: false)
        }
        assertRefused("invalid config key 'A-B': expected letters, digits and '_', not starting with a digit") {
            try ConfigPairs.parse(["OK=1", "A-B=x"], encoded: false)
        }
        assertRefused("'=x' has no key before '=': expected KEY=VALUE") { try ConfigPairs.parse(["=x"], encoded: false) }
        assertRefused("'novalue' is not a KEY=VALUE pair: expected KEY=VALUE, e.g. novalue=value") {
            try ConfigPairs.parse(["novalue"], encoded: false)
        }
    }

    func testValidateKey() throws {
        try ConfigPairs.validateKey("DATABASE_URL")
        try ConfigPairs.validateKey("_x1")
        assertRefused("invalid config key '': expected letters, digits and '_', not starting with a digit") {
            try ConfigPairs.validateKey("")
        }
        assertRefused("invalid config key 'A B': expected letters, digits and '_', not starting with a digit") {
            try ConfigPairs.validateKey("A B")
        }
    }

    func testEncodedValuesAreBase64() throws {
        let value = "line1\nit's \"$HOME\" `x` =é"
        let encoded = Data(value.utf8).base64EncodedString()
        let pairs = try ConfigPairs.parse(["K=\(encoded)", "E=", "P=YQ"], encoded: true)
        XCTAssertEqual(pairs.map(\.value), [value, "", "a"])
        assertRefused("value of 'K' is not valid base64 (--encoded expects base64 values)") {
            try ConfigPairs.parse(["K=not base64!"], encoded: true)
        }
        assertRefused("value of 'K' does not decode to UTF-8 text (--encoded expects base64 of text)") {
            try ConfigPairs.parse(["K=" + Data([0xFF, 0xFE]).base64EncodedString()], encoded: true)
        }
    }
}
