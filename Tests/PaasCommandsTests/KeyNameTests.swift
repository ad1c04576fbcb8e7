import XCTest

@testable import PaasCommands

final class KeyNameTests: XCTestCase {
    func testKeyNamesAreCheckedByteByByte() {
        for good in ["alice", "a", "bob.smith@laptop", "ci_2-x", String(repeating: "k", count: 64)] {
            XCTAssertNoThrow(try KeyName.validate(good), good)
        }
        let bad = [
            "", "alice\n", "alice\r", "ali ce", "-alice", ".alice", "alice\u{0}", "al'ice", "al\"ice", "al\\ice",
            "alïce", "al/ice", "al$ice", String(repeating: "k", count: 65), "\nalice", "alice\t",
        ]
        for name in bad {
            XCTAssertThrowsError(try KeyName.validate(name), name.debugDescription) {
                XCTAssertFalse("\($0)".contains("\n"), "the error stays one line: \($0)")
            }
        }
    }

    func testARefusalIsOneLineWhateverWasTyped() {
        let denied = AccessDenied(key: "bob", command: "logs", app: "web\nsecret\u{7f}", role: "none")
        XCTAssertEqual(denied.description, "bob may not logs web\\u{a}secret\\u{7f} (role none)")
    }
}
