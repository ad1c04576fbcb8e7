import Foundation

/// `config:set` arguments: `KEY=value` pairs.
public enum ConfigPairs {
    /// Splits each argument at its FIRST '=' into key and value, in order.
    ///
    /// With `encoded`, each value is base64 and is decoded (to UTF-8 text).
    public static func parse(_ args: [String], encoded: Bool) throws -> [(key: String, value: String)] {
        guard !args.isEmpty else {
            throw AppSpecError("no KEY=VALUE pairs given: expected at least one, e.g. KEY=value")
        }
        return try args.map { arg in
            guard let equals = arg.firstIndex(of: "=") else {
                throw AppSpecError("'\(arg)' is not a KEY=VALUE pair: expected KEY=VALUE, e.g. \(arg)=value")
            }
            let key = String(arg[..<equals])
            guard !key.isEmpty else {
                throw AppSpecError("'\(arg)' has no key before '=': expected KEY=VALUE")
            }
            try validateKey(key)
            let raw = String(arg[arg.index(after: equals)...])
            return (key, encoded ? try decodeBase64(raw, key: key) : raw)
        }
    }

    /// Throws unless `key` is a valid config key: `^[A-Za-z_][A-Za-z0-9_]*$`.
    public static func validateKey(_ key: String) throws {
        let bytes = Array(key.utf8)
        let valid =
            !bytes.isEmpty && !AppName.isDigit(bytes[0])
            && bytes.allSatisfy { Procfile.isAlnum($0) || $0 == UInt8(ascii: "_") }
        guard valid else {
            throw AppSpecError(
                "invalid config key '\(key)': expected letters, digits and '_', not starting with a digit")
        }
    }

    static func decodeBase64(_ text: String, key: String) throws -> String {
        var padded = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if padded.count % 4 != 0 { padded += String(repeating: "=", count: 4 - padded.count % 4) }
        guard let data = Data(base64Encoded: padded) else {
            throw AppSpecError("value of '\(key)' is not valid base64 (--encoded expects base64 values)")
        }
        guard let value = String(data: data, encoding: .utf8) else {
            throw AppSpecError("value of '\(key)' does not decode to UTF-8 text (--encoded expects base64 of text)")
        }
        return value
    }
}
