import XCTest

@testable import PaasCommands

final class ShellWordsTests: XCTestCase {
    func testSplitsOnBlanksAndKeepsQuotedText() throws {
        XCTAssertEqual(try ShellWords.split("config:set app A=b  C='d e'"), ["config:set", "app", "A=b", "C=d e"])
        XCTAssertEqual(try ShellWords.split(#"x "a \"q\" \$HOME `b`" 'it'\''s'"#), ["x", #"a "q" $HOME `b`"#, "it's"])
        XCTAssertEqual(try ShellWords.split("a 'line1\nline2'"), ["a", "line1\nline2"])
        XCTAssertEqual(try ShellWords.split("a ''"), ["a", ""])
        XCTAssertEqual(try ShellWords.split("   "), [])
    }

    func testUnterminatedQuoteIsAnError() {
        XCTAssertThrowsError(try ShellWords.split("a 'b")) { error in
            XCTAssertEqual("\(error)", "unterminated ' quote in the command (close every quote you open)")
        }
    }

    func testQuoteRoundTripsAnyValue() throws {
        let values = ["plain", "with space", "quote'single", #"dq"and$dollar`tick`"#, "new\nline", "=", "", "ünïcode ✓"]
        for value in values {
            XCTAssertEqual(try ShellWords.split("k " + ShellWords.quote(value)), ["k", value], value)
        }
    }

    func testGitPathsNameApps() throws {
        XCTAssertEqual(try SSHEntry.appName(fromGitPath: "myapp"), "myapp")
        XCTAssertEqual(try SSHEntry.appName(fromGitPath: "/myapp"), "myapp")
        XCTAssertEqual(try SSHEntry.appName(fromGitPath: "myapp.git"), "myapp")
        for bad in ["../etc", "A", "a b", "", String(repeating: "a", count: 64)] {
            XCTAssertThrowsError(try SSHEntry.appName(fromGitPath: bad), bad)
        }
    }
}
