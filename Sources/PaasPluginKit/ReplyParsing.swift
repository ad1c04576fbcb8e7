import Foundation

/// Why a plugin's stdout is not a reply, in one line (the core prefixes the plugin and trigger).
public enum ReplyError: Error, CustomStringConvertible, Equatable {
    /// Not JSON at all; `start` is the beginning of the text.
    case notJSON(start: String)
    /// JSON, but not an object.
    case notObject
    /// A field is missing, has the wrong type or a value out of range.
    case badField(DecodingProblem)

    public var description: String {
        switch self {
        case .notJSON(let start): return "reply is not a JSON reply object: \(start)"
        case .notObject: return "reply is not a JSON reply object: expected {\"action\": ...}"
        case .badField(let problem): return "invalid reply: \(problem)"
        }
    }
}

extension PluginReply {
    /// The reply in `text` (a plugin's stdout, not empty). Unknown fields are ignored; a field
    /// of the wrong type, or an unknown `action`, is an error naming the field.
    public static func parse(_ text: [UInt8]) throws(ReplyError) -> PluginReply {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(text))
        } catch {
            let start = String(decoding: text.prefix(80), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
            throw .notJSON(start: start)
        }
        guard case .object = value else { throw .notObject }
        do {
            return try JSONDecoder().decode(PluginReply.self, from: Data(text))
        } catch let error as DecodingError {
            throw .badField(DecodingProblem(error, in: value))
        } catch {
            throw .notJSON(start: "\(error)")
        }
    }
}
