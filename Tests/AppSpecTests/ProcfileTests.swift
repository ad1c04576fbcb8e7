import AppSpec
import XCTest

final class ProcfileTests: XCTestCase {
    func testParsesInOrderWithCommentsBlankLinesAndCRLF() throws {
        let text = "# processes\r\nweb: python -m http.server $PORT\r\n\r\n  worker:sh -c 'a: b'  \r\nRelease_1: ./migrate\n"
        let procfile = try Procfile.parse(text)
        XCTAssertEqual(procfile.names, ["web", "worker", "Release_1"])
        XCTAssertEqual(procfile["web"], "python -m http.server $PORT")
        XCTAssertEqual(procfile["worker"], "sh -c 'a: b'")
        XCTAssertNil(procfile["release_1"], "names are case-sensitive")
        XCTAssertEqual(procfile.commands, ["web": "python -m http.server $PORT", "worker": "sh -c 'a: b'", "Release_1": "./migrate"])
    }

    func testEmptyProcfileHasNoProcesses() throws {
        XCTAssertEqual(try Procfile.parse("").names, [])
        XCTAssertEqual(try Procfile.parse("\n# only a comment\n").names, [])
    }

    func testErrorsCarryTheLineNumber() {
        assertRefused("Procfile line 3: duplicate process type 'web'") {
            try Procfile.parse("web: a\nworker: b\nweb: c\n")
        }
        assertRefused("Procfile line 2: expected 'name: command', got 'just a command'") {
            try Procfile.parse("# c\r\njust a command\r\n")
        }
        assertRefused(
            "Procfile line 1: invalid process type 'we b': expected letters, digits, '_' or '-', starting with a letter or digit"
        ) { try Procfile.parse("we b: x") }
        assertRefused(
            "Procfile line 1: invalid process type '-web': expected letters, digits, '_' or '-', starting with a letter or digit"
        ) { try Procfile.parse("-web: x") }
        assertRefused("Procfile line 2: process type 'web' has no command") { try Procfile.parse("\nweb:   \n") }
    }

    func testWebAndWEBAreDifferentTypes() throws {
        XCTAssertEqual(try Procfile.parse("web: a\nWEB: b").names, ["web", "WEB"])
    }
}
