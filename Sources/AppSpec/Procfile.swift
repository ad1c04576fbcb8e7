/// The process types of an app and their commands, as declared in its Procfile.
public struct Procfile: Sendable {
    /// Process types and commands, in file order.
    public var processes: [(name: String, command: String)]

    /// A Procfile with these processes.
    public init(processes: [(name: String, command: String)] = []) { self.processes = processes }

    /// The command of process type `name`, or nil.
    public subscript(name: String) -> String? {
        processes.first { $0.name == name }?.command
    }

    /// The process type names, in file order.
    public var names: [String] { processes.map(\.name) }

    /// Process type -> command.
    public var commands: [String: String] {
        Dictionary(processes.map { ($0.name, $0.command) }, uniquingKeysWith: { first, _ in first })
    }

    /// Parses "name: command" lines. Blank lines and `#` comments are skipped, CRLF is
    /// tolerated. Names are case-sensitive (as on Heroku) and may not repeat.
    public static func parse(_ text: String) throws -> Procfile {
        var result = Procfile()
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            let line = rawLine.trimmingWhitespace
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw AppSpecError("Procfile line \(number): expected 'name: command', got '\(line)'")
            }
            let name = String(line[..<colon].trimmingWhitespace)
            let command = String(line[line.index(after: colon)...].trimmingWhitespace)
            guard isValidName(name) else {
                throw AppSpecError(
                    "Procfile line \(number): invalid process type '\(name)': expected letters, digits, '_' or '-', "
                        + "starting with a letter or digit")
            }
            guard !command.isEmpty else {
                throw AppSpecError("Procfile line \(number): process type '\(name)' has no command")
            }
            guard result[name] == nil else {
                throw AppSpecError("Procfile line \(number): duplicate process type '\(name)'")
            }
            result.processes.append((name, command))
        }
        return result
    }

    /// Whether `name` is a valid process type: `^[a-zA-Z0-9][a-zA-Z0-9_-]*$`.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isAlnum(first) else { return false }
        return name.utf8.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    static func isAlnum(_ b: UInt8) -> Bool {
        AppName.isLower(b) || AppName.isDigit(b) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }
}
