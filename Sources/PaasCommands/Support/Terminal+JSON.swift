import Foundation
import PaasSupport

extension Terminal {
    /// Prints `value` as pretty, key-sorted JSON (for `--format json`).
    func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        line(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Prints a Dokku-style report: `=====> title`, then `key:  value` lines aligned.
    func report(_ title: String, _ rows: [(key: String, value: String)]) {
        line("=====> " + title)
        let width = (rows.map(\.key.count).max() ?? 0) + 3
        for row in rows { line((row.key + ":").padding(toLength: width, withPad: " ", startingAt: 0) + row.value) }
    }

    /// A report (an empty value reads `none`), or the same rows as a JSON object for `--format json`.
    func report(_ title: String, _ rows: [(key: String, value: String)], format: FormatOption.Format) throws {
        switch format {
        case .json: try json(Dictionary(rows.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }))
        case .text: report(title, rows.map { ($0.key, $0.value.isEmpty ? "none" : $0.value) })
        }
    }
}
