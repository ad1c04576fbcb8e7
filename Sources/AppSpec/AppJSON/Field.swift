/// A JSON value with its path in the document, so type errors can name the field.
struct Field {
    let value: JSONValue
    /// e.g. `healthchecks.web[0].attempts`; empty at the top.
    let path: String

    init(_ value: JSONValue, path: String) {
        self.value = value
        self.path = path
    }

    /// An object's members with their paths.
    struct Object {
        let members: [(String, Field)]
        let path: String

        /// The member `key`, or nil when absent or null.
        func member(_ key: String) -> Field? {
            members.first { $0.0 == key }.map(\.1)
        }
    }

    func object(like example: String? = nil) throws -> Object {
        guard case .object(let dictionary) = value else {
            if path.isEmpty { throw AppSpecError("app.json: the top level must be an object, not \(value.typeName)") }
            throw mismatch("an object" + (example.map { " like \($0)" } ?? ""))
        }
        let members = dictionary.filter { $0.value != .null }.sorted { $0.key < $1.key }.map { key, value in
            (key, Field(value, path: path.isEmpty ? key : path + "." + key))
        }
        return Object(members: members, path: path)
    }

    func array() throws -> [Field] {
        guard case .array(let elements) = value else { throw mismatch("an array") }
        return elements.enumerated().map { Field($1, path: "\(path)[\($0)]") }
    }

    func string() throws -> String {
        guard case .string(let s) = value else { throw mismatch("a string") }
        return s
    }

    func bool() throws -> Bool {
        guard case .bool(let b) = value else { throw mismatch("true or false") }
        return b
    }

    /// A whole number, 0 or more.
    func count() throws -> Int {
        guard case .number(let n) = value else { throw mismatch("a number") }
        guard n >= 0, n <= Double(Int32.max), n.rounded() == n else { throw mismatch("a whole number, 0 or more") }
        return Int(n)
    }

    private func mismatch(_ expected: String) -> AppSpecError {
        AppSpecError("app.json: \(path) must be \(expected)")
    }
}
