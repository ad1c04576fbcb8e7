import Foundation
import PaasTestSupport
import XCTest

@testable import PaasCommands

final class SecurityDocTests: XCTestCase {
    /// docs/security.md's command table says what each command needs, as the commands declare it.
    func testTheDocsTableIsWhatEachCommandDeclares() throws {
        let text = try String(contentsOfFile: TestPaths.repoRoot + "/docs/security.md", encoding: .utf8)
        let labels = Set(AccessClass.allCases.map(\.label))
        var documented: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 2, labels.contains(cells[1]) else { continue }
            documented[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = cells[1]
        }
        let declared = Dictionary(
            uniqueKeysWithValues: CommandTable.all.map { ($0.configuration.commandName!, $0.access.label) })
        for (name, label) in declared.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(documented[name], label, "docs/security.md: add or fix the row | `\(name)` | \(label) |")
        }
        XCTAssertEqual(Set(documented.keys), Set(declared.keys), "rows for commands that do not exist")
    }
}
