import AppSpec
import Foundation
import XCTest

final class ConfigExportTests: XCTestCase {
    static let vars = ["B": "it's $HOME", "A": "line1\nline2", "C": "", "D": "tab\t\"q\" \\ `x`"]

    func testShellFormatIsSafeSingleQuoted() {
        XCTAssertEqual(
            ConfigExport.render(Self.vars, format: .shell),
            """
            export A='line1
            line2'
            export B='it'\\''s $HOME'
            export C=''
            export D='tab\t"q" \\ `x`'
            """)
    }

    /// The shell format read back by a real shell gives the same values.
    func testShellFormatRoundTripsThroughSh() throws {
        let script = ConfigExport.render(Self.vars, format: .shell) + "\nprintf '%s\\0' \"$A\" \"$B\" \"$C\" \"$D\""
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let values = String(decoding: output, as: UTF8.self).split(separator: "\0", omittingEmptySubsequences: false)
        XCTAssertEqual(values.dropLast().map(String.init), ["A", "B", "C", "D"].map { Self.vars[$0]! })
    }

    func testEnvfileEscapesSoNewlinesSurvive() {
        XCTAssertEqual(
            ConfigExport.render(Self.vars, format: .envfile),
            #"""
            A="line1\nline2"
            B="it's \$HOME"
            C=""
            D="tab\t\"q\" \\ \`x\`"
            """#)
    }

    func testJSONIsSortedAndDecodable() throws {
        let json = ConfigExport.render(Self.vars.merging(["Z": "\u{1}"]) { a, _ in a }, format: .json)
        XCTAssertTrue(json.hasPrefix("{\n  \"A\": \"line1\\nline2\",\n  \"B\""), json)
        XCTAssertTrue(json.contains(#""Z": "\u0001""#), json)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        XCTAssertEqual(decoded, Self.vars.merging(["Z": "\u{1}"]) { a, _ in a })
        XCTAssertEqual(ConfigExport.render([:], format: .json), "{}")
    }

    func testDockerArgs() {
        XCTAssertEqual(
            ConfigExport.render(["B": "it's", "A": "x y"], format: .dockerArgs), #"--env=A='x y' --env=B='it'\''s'"#)
        XCTAssertEqual(ConfigExport.render([:], format: .shell), "")
    }
}
