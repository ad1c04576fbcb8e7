import Foundation
import Synchronization

/// Keeps the last few KiB of a stream so that a failing plugin's last words can be quoted.
final class OutputTail: Sendable {
    private let bytes = Mutex<[UInt8]>([])
    private let limit: Int

    init(limit: Int = 4096) { self.limit = limit }

    func append(_ chunk: [UInt8]) {
        bytes.withLock {
            $0.append(contentsOf: chunk)
            if $0.count > limit { $0.removeFirst($0.count - limit) }
        }
    }

    /// The last non-empty line, at most 300 characters.
    var lastLine: String? {
        let text = String(decoding: bytes.withLock { $0 }, as: UTF8.self)
        guard let line = text.split(whereSeparator: \.isNewline).last(where: { !$0.allSatisfy(\.isWhitespace) })
        else { return nil }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 300 ? String(trimmed.prefix(300)) + "…" : trimmed
    }
}
