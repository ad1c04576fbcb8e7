/// Splits a command line the way a POSIX shell splits words — quotes and backslashes — without
/// expanding anything. ssh hands a forced command the client's words joined into one string;
/// this recovers them so values can keep spaces, quotes and newlines.
public enum ShellWords {
    public static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = Array(line).makeIterator()
        while let c = iterator.next() {
            switch c {
            case " ", "\t", "\n":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'":
                inWord = true
                while true {
                    guard let q = iterator.next() else { throw ShellWordsError.unterminated("'") }
                    if q == "'" { break }
                    current.append(q)
                }
            case "\"":
                inWord = true
                while true {
                    guard let q = iterator.next() else { throw ShellWordsError.unterminated("\"") }
                    if q == "\"" { break }
                    if q == "\\" {
                        guard let e = iterator.next() else { throw ShellWordsError.unterminated("\"") }
                        if "$`\"\\\n".contains(e) {
                            if e != "\n" { current.append(e) }
                        } else {
                            current.append("\\")
                            current.append(e)
                        }
                        continue
                    }
                    current.append(q)
                }
            case "\\":
                inWord = true
                guard let e = iterator.next() else { current.append("\\"); continue }
                if e != "\n" { current.append(e) }
            default:
                inWord = true
                current.append(c)
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// Quotes `word` so that `split` (and a shell) gives it back unchanged.
    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./:=@%+,".contains($0) }) && word.isASCII {
            return word
        }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

extension String {
    fileprivate var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}

/// A command line that can't be split.
public enum ShellWordsError: Error, CustomStringConvertible {
    case unterminated(String)
    public var description: String { "unterminated \(self.quoteChar) quote in the command (close every quote you open)" }
    private var quoteChar: String {
        switch self { case .unterminated(let q): return q }
    }
}
