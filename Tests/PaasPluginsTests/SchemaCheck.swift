import Foundation
import PaasPluginKit

/// A small JSON Schema reader for the shapes docs/schemas uses (type, properties, required,
/// additionalProperties, items, enum), checking values against a schema and a schema against
/// the values a type produces.
struct SchemaCheck {
    let schema: JSONValue
    let file: String

    init(file: String) throws {
        self.file = file
        schema = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
    }

    /// Problems with `value` against the schema: a field the schema lacks, a wrong JSON type,
    /// a value outside an `enum`.
    func problems(in value: JSONValue) -> [String] {
        var found: [String] = []
        walk(value, schema, "data", &found)
        return found
    }

    /// Problems with the schema against `values` (every sample a type gives): a property none of
    /// them produce; `required` not equal to the fields every one of them has.
    func coverage(of values: [JSONValue], requiredAtTop: Bool = true) -> [String] {
        var seen: [String: [Set<String>]] = [:]
        for value in values { collect(value, schema, "data", &seen) }
        var found: [String] = []
        func visit(_ schema: JSONValue, _ path: String) {
            if let properties = schema["properties"]?.objectValue {
                let sets = seen[path] ?? []
                let union = sets.reduce(into: Set<String>()) { $0.formUnion($1) }
                let common = sets.first.map { sets.dropFirst().reduce($0) { $0.intersection($1) } } ?? []
                for key in properties.keys.sorted() where !union.contains(key) {
                    found.append("\(path).\(key) is in the schema but no sample of the type produces it")
                }
                let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
                let expected = path == "data" && !requiredAtTop ? [] : common
                if required != expected {
                    found.append(
                        "\(path): schema requires \(required.sorted()), the type always produces \(expected.sorted())")
                }
                for (key, sub) in properties { visit(sub, "\(path).\(key)") }
            }
            if let items = schema["items"] { visit(items, path + "[]") }
            if let values = schema["additionalProperties"], case .object = values { visit(values, path + ".*") }
        }
        visit(schema, "data")
        return found
    }

    private func walk(_ value: JSONValue, _ schema: JSONValue, _ path: String, _ found: inout [String]) {
        if let type = schema["type"]?.stringValue, !Self.matches(value, type) {
            found.append("\(path): schema says \(type), the type encodes \(value)")
            return
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(value) {
            found.append("\(path): \(value) is not in the schema's enum")
        }
        switch value {
        case .object(let members):
            let properties = schema["properties"]?.objectValue
            for (key, member) in members {
                if let sub = properties?[key] {
                    walk(member, sub, "\(path).\(key)", &found)
                } else if let sub = schema["additionalProperties"], case .object = sub {
                    walk(member, sub, "\(path).*", &found)
                } else {
                    found.append("\(path).\(key) is encoded by the type but not in the schema")
                }
            }
        case .array(let elements):
            if let items = schema["items"] { for e in elements { walk(e, items, path + "[]", &found) } }
        default: break
        }
    }

    private func collect(_ value: JSONValue, _ schema: JSONValue, _ path: String, _ seen: inout [String: [Set<String>]])
    {
        switch value {
        case .object(let members):
            if let properties = schema["properties"]?.objectValue {
                seen[path, default: []].append(Set(members.keys))
                for (key, member) in members {
                    if let sub = properties[key] { collect(member, sub, "\(path).\(key)", &seen) }
                }
            } else if let sub = schema["additionalProperties"] {
                for member in members.values { collect(member, sub, path + ".*", &seen) }
            }
        case .array(let elements):
            if let items = schema["items"] { for e in elements { collect(e, items, path + "[]", &seen) } }
        default: break
        }
    }

    private static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("array", .array), ("object", .object), ("null", .null),
            ("number", .number):
            return true
        case ("integer", .number): return value.intValue != nil
        default: return false
        }
    }
}
