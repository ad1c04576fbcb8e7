import Foundation
import PaasPluginKit
import PaasPlugins
import PaasTestSupport
import XCTest

/// The trigger types, docs/schemas/triggers and docs/plugins.md say the same thing.
final class TriggerContractTests: XCTestCase {
    private let schemas = TestPaths.repoRoot + "/docs/schemas/triggers"

    func testEveryTriggerMatchesItsSchemasBothWays() throws {
        var expectedFiles: Set<String> = []
        for trigger in TriggerCatalog.all {
            let payloads = try Self.samples(of: trigger.payloadType)
            XCTAssertFalse(payloads.isEmpty, "\(trigger.name) has no sample payload")
            let payloadSchema = try SchemaCheck(file: "\(schemas)/\(trigger.name).json")
            expectedFiles.insert("\(trigger.name).json")
            for sample in payloads {
                XCTAssertEqual(payloadSchema.problems(in: sample), [], "\(trigger.name).json against \(sample)")
            }
            XCTAssertEqual(
                payloadSchema.coverage(of: payloads), [], "\(trigger.name).json against \(trigger.payloadType)")

            let changesFile = "\(schemas)/\(trigger.name).changes.json"
            guard !trigger.amends.isEmpty else {
                XCTAssertFalse(
                    FileManager.default.fileExists(atPath: changesFile), "\(trigger.name) honours no amendments")
                continue
            }
            expectedFiles.insert("\(trigger.name).changes.json")
            let changes = try Self.encoded(trigger.changesType.sample)
            XCTAssertEqual(changes.objectValue.map { Set($0.keys) }, Set(trigger.amends.map(\.rawValue)))
            let changesSchema = try SchemaCheck(file: changesFile)
            XCTAssertEqual(changesSchema.problems(in: changes), [], "\(trigger.name).changes.json")
            XCTAssertEqual(
                changesSchema.coverage(of: [changes], requiredAtTop: false), [], "\(trigger.name).changes.json")
        }
        XCTAssertEqual(Set(TriggerCatalog.all.map(\.name)).count, TriggerCatalog.all.count, "trigger names are unique")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: schemas))
        XCTAssertEqual(
            files, expectedFiles, "docs/schemas/triggers holds exactly one schema per trigger (and its amendments)")
    }

    func testDocsListExactlyTheTriggersInCodeWithTheirPayloads() throws {
        let docs = try String(contentsOfFile: TestPaths.repoRoot + "/docs/plugins.md", encoding: .utf8)
        let section = try XCTUnwrap(docs.range(of: "\n## Triggers\n")).upperBound
        let rest = docs[section...]
        let end = rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex
        let text = String(rest[..<end])
        var rows: [(name: String, cells: [String])] = []
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            rows.append((cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")), cells))
        }
        XCTAssertEqual(
            rows.map(\.name), TriggerCatalog.all.map(\.name), "the trigger table lists the triggers in code, in order")
        for (trigger, row) in zip(TriggerCatalog.all, rows) {
            XCTAssertEqual(row.cells[1], trigger.summary, "\(trigger.name): when")
            XCTAssertEqual(
                row.cells[2].hasPrefix("no"), !trigger.canStop, "\(trigger.name): stop column says \(row.cells[2])")
            let amends =
                trigger.amends.isEmpty ? "—" : trigger.amends.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            XCTAssertEqual(row.cells[3], amends, "\(trigger.name): amends")
            // Each trigger's own subsection shows its first sample exactly as the core encodes it.
            let sample = try XCTUnwrap(try Self.samples(of: trigger.payloadType, sortedText: true).first)
            let heading = "### `\(trigger.name)`\n"
            let body = try XCTUnwrap(text.range(of: heading), "no subsection for \(trigger.name)").upperBound
            let block = try XCTUnwrap(text[body...].range(of: "```json\n")).upperBound
            let code = text[block...].prefix { $0 != "`" }.trimmingCharacters(in: .whitespacesAndNewlines)
            XCTAssertEqual(code, sample, "\(trigger.name): the example payload in docs/plugins.md")
            XCTAssertTrue(
                text[body...].prefix(600).contains("schemas/triggers/\(trigger.name).json"),
                "\(trigger.name): links its schema")
        }
    }

    func testDocsAmendmentsTableNamesTheTriggersThatHonourEach() throws {
        let docs = try String(contentsOfFile: TestPaths.repoRoot + "/docs/plugins.md", encoding: .utf8)
        let section = try XCTUnwrap(docs.range(of: "### Amendments\n")).upperBound
        let text = docs[section...].prefix { $0 != "#" }
        for field in Amendment.allCases {
            let row = try XCTUnwrap(
                text.split(separator: "\n").first { $0.hasPrefix("| `\(field.rawValue)` |") }, "no row for \(field)")
            let cell = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }[2]
            let named = cell.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter {
                $0.offset % 2 == 1
            }.map { String($0.element) }
            let honouring = TriggerCatalog.all.filter { $0.amends.contains(field) }.map(\.name)
            XCTAssertEqual(named, honouring, "\(field): honoured by")
        }
    }

    // MARK: - Helpers

    private static func encoded(_ value: any Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    private static func samples(of type: any TriggerPayload.Type) throws -> [JSONValue] {
        try type.samples.map { try encoded($0) }
    }

    private static func samples(of type: any TriggerPayload.Type, sortedText: Bool) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try type.samples.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
    }
}
