import Foundation

/// The status line and headers of an HTTP/1.1 response, read off a raw connection.
struct HTTPResponseHead: Equatable {
    /// The status code (101 for a switched protocol).
    var status: Int
    /// Header names lowercased, values trimmed; a repeated header keeps its last value.
    var headers: [String: String]

    /// The declared body length, if any.
    var contentLength: Int? { headers["content-length"].flatMap { Int($0) } }

    /// Where the head ends in `bytes` (the index after its blank line), or nil while incomplete.
    static func end(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4)
        where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i + 4
        }
        return nil
    }

    /// Parses a complete head ("HTTP/1.1 101 UPGRADED\r\nName: value\r\n\r\n"); nil when the
    /// status line is not HTTP.
    init?(_ bytes: some Collection<UInt8>) {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: true)
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/") else { return nil }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        self.status = status
        headers = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
    }
}
