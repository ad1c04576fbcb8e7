import Foundation
import PaasPluginKit

/// The requests `plugin:test` sends: valid ones made from the typed payloads' samples, the same
/// with unknown fields added, malformed ones, and none at all.
enum ConformanceRequests {
    /// The app every request names.
    static let app = "web"
    /// The field added everywhere in an "unknown fields" request.
    static let unknownField = "fieldFromAFutureProtocol"

    /// One valid request per sample payload of `trigger`.
    static func valid(_ trigger: any AnyTrigger, paasVersion: String) throws -> [PluginRequest] {
        try trigger.payloadType.samples.map { sample in
            PluginRequest(
                kind: .trigger, name: trigger.name, app: app, data: try sample.jsonValue(), paasVersion: paasVersion)
        }
    }

    /// `request` as JSON with an unknown field added to it and to every object in its `data`.
    static func withUnknownFields(_ request: PluginRequest) throws -> [UInt8] {
        var value = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(request))
        if case .object(var members) = value {
            members[unknownField] = ["nested": [1, "two"]]
            members["data"] = addUnknown(members["data"] ?? [:])
            value = .object(members)
        }
        return try encode(value)
    }

    /// `request` with every field of its `data` given a value of the wrong JSON type.
    static func withWrongTypes(_ request: PluginRequest) throws -> [UInt8] {
        var value = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(request))
        if case .object(var members) = value, case .object(let data)? = members["data"] {
            members["data"] = .object(data.mapValues(wrongType))
            value = .object(members)
        }
        return try encode(value)
    }

    /// The start of a request, cut off: not JSON.
    static func truncated(_ request: PluginRequest) throws -> [UInt8] {
        let bytes = try encode(JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(request)))
        return Array(bytes.prefix(max(bytes.count / 2, 1)))
    }

    /// JSON text as the core writes it.
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value)) + [0x0A]
    }

    private static func addUnknown(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var out = members.mapValues(addUnknown)
            out[unknownField] = true
            return .object(out)
        case .array(let elements): return .array(elements.map(addUnknown))
        default: return value
        }
    }

    private static func wrongType(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string: return 7
        case .number: return "seven"
        case .bool: return "yes"
        case .array: return ["not": "an array"]
        case .object: return ["not an object"]
        case .null: return false
        }
    }
}
