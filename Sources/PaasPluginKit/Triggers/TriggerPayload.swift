import Foundation

/// The `data` of a trigger's request. Unknown fields are ignored when decoding, so the core may
/// add fields within a protocol version.
public protocol TriggerPayload: Codable, Sendable, Equatable {
    /// Example payloads: the first sets every field, the others leave optional ones out. Used by
    /// the schema tests and by `plugin:test` as valid requests.
    static var samples: [Self] { get }
}

/// The amendments a trigger honours from a reply's `changes`.
public protocol TriggerChanges: Codable, Sendable, Equatable {
    /// The reply fields honoured, in documentation order.
    static var fields: [Amendment] { get }
    /// The honoured part of `changes` (the rest is for the caller to warn about).
    init(_ changes: PluginChanges)
    /// Example amendments setting every field (for the schema tests).
    static var sample: Self { get }
}

extension TriggerPayload {
    /// The payload as a JSON value, as it goes into a request's `data`.
    public func jsonValue() throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(self))
    }

    /// The payload held by `value` (a request's `data`).
    public init(jsonValue value: JSONValue) throws {
        self = try JSONDecoder().decode(Self.self, from: JSONEncoder().encode(value))
    }
}

extension PluginRequest {
    /// A trigger request carrying `payload` for `trigger`.
    public init<P, C>(trigger: Trigger<P, C>, app: String?, payload: P, paasVersion: String) throws {
        self.init(kind: .trigger, name: trigger.name, app: app, data: try payload.jsonValue(), paasVersion: paasVersion)
    }

    /// This request's `data` read as `trigger`'s payload. Throws when the request is for another
    /// trigger or a field has the wrong type (the error names the field).
    public func payload<P, C>(_ trigger: Trigger<P, C>) throws -> P {
        guard kind == .trigger, name == trigger.name else {
            throw PluginKitError.badRequest("expected a \(trigger.name) request, got \(kind.rawValue) '\(name)'")
        }
        do {
            return try P(jsonValue: data)
        } catch let error as DecodingError {
            throw PluginKitError.badRequest("data." + DecodingProblem(error, in: data).description)
        }
    }
}
