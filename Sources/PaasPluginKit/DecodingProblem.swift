import Foundation

/// A `DecodingError` said in one line for a person: the field path, the JSON type expected and
/// what was there (`changes.env.A: expected a string, got 5`).
public struct DecodingProblem: Error, CustomStringConvertible, Equatable {
    /// The field path, `.`-separated, with `[N]` for array elements; empty for the whole value.
    public var path: String
    /// What was wrong, after the path.
    public var problem: String

    /// The problem `error` reports, with the offending value looked up in `source` (the JSON
    /// that was being decoded).
    public init(_ error: DecodingError, in source: JSONValue) {
        func pathText(_ keys: [CodingKey]) -> String {
            keys.reduce("") { text, key in
                if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == "\(index)" {
                    return text + "[\(index)]"
                }
                return text.isEmpty ? key.stringValue : text + "." + key.stringValue
            }
        }
        func value(at keys: [CodingKey]) -> JSONValue? {
            keys.reduce(Optional(source)) { value, key in
                guard let value else { return nil }
                if case .array = value, let index = key.intValue { return value[index] }
                return value[key.stringValue]
            }
        }
        switch error {
        case .typeMismatch(let type, let context):
            path = pathText(context.codingPath)
            let got = value(at: context.codingPath).map(Self.describe) ?? "nothing"
            problem = "expected \(Self.jsonType(type)), got \(got)"
        case .valueNotFound(let type, let context):
            path = pathText(context.codingPath)
            problem = "expected \(Self.jsonType(type)), got null"
        case .keyNotFound(let key, let context):
            path = pathText(context.codingPath + [key])
            problem = "missing (a required field)"
        case .dataCorrupted(let context):
            path = pathText(context.codingPath)
            problem = context.debugDescription
        @unknown default:
            path = ""
            problem = "\(error)"
        }
    }

    public var description: String { path.isEmpty ? problem : "\(path): \(problem)" }

    /// The JSON name of a Swift type that decoding expected.
    static func jsonType(_ type: Any.Type) -> String {
        let name = "\(type)"
        if name.hasPrefix("Dictionary") || name.hasPrefix("KeyedDecodingContainer") { return "an object" }
        if name.hasPrefix("Array") || name.hasPrefix("UnkeyedDecodingContainer") { return "an array" }
        if name.hasPrefix("String") { return "a string" }
        if name.hasPrefix("Bool") { return "true or false" }
        if name.hasPrefix("Int") || name.hasPrefix("UInt") { return "an integer" }
        if name.hasPrefix("Double") || name.hasPrefix("Float") { return "a number" }
        return "a \(name)"
    }

    /// A short rendering of a JSON value for a message.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .number: return (try? String(decoding: JSONEncoder().encode(value), as: UTF8.self)) ?? "a number"
        case .string(let s): return s.count > 40 ? "a string" : "\"\(s)\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
