/// A `FAMILY:set` that names no setting or gives a value the setting does not accept.
public enum SettingError: Error, CustomStringConvertible, Equatable {
    case unknownKey(family: String, key: String, known: [String])
    case badValue(family: String, name: String, value: String, expected: String)
    case notSettable(family: String, name: String, by: String)
    case badProcessType(String)
    case notGlobal(family: String, name: String)

    public var description: String {
        switch self {
        case .unknownKey(let family, let key, let known):
            return "unknown \(family) setting '\(key)'; expected one of: \(known.joined(separator: ", "))"
        case .badValue(let family, let name, let value, let expected):
            return "\(family) setting \(name) cannot be '\(Self.visible(value))': expected \(expected)"
        case .notSettable(let family, let name, let command):
            return "\(family) setting \(name) is changed with \(command), not \(family):set"
        case .notGlobal(let family, let name):
            return "\(family) setting \(name) has no global value: set it per app with \(family):set APP \(name) VALUE"
        case .badProcessType(let name):
            return "'\(name)' is not a process type name: expected letters, digits, '_' or '-', such as web"
        }
    }

    /// `value` on one line: control characters (a newline pasted with it) shown escaped.
    static func visible(_ value: String) -> String {
        value.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined()
    }
}
