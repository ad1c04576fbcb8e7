/// Config vars rendered for other programs (`config:export`).
public enum ConfigExport {
    /// The output formats.
    public enum Format: String, Sendable, CaseIterable {
        /// `export KEY='value'` lines, for `eval` in a POSIX shell.
        case shell
        /// One JSON object, keys sorted.
        case json
        /// `KEY="value"` lines (dotenv), with `\n`, `\r`, `\t`, `\\`, `\"`, `\$` and `` \` `` escapes.
        case envfile
        /// `--env=KEY='value'` words on one line, for a docker command line.
        case dockerArgs = "docker-args"
    }

    /// `vars` in `format`, sorted by key, with no trailing newline.
    public static func render(_ vars: [String: String], format: Format) -> String {
        let sorted = vars.sorted { $0.key < $1.key }
        switch format {
        case .shell:
            return sorted.map { "export \($0.key)=\(shellQuoted($0.value))" }.joined(separator: "\n")
        case .envfile:
            return sorted.map { "\($0.key)=\"\(envfileEscaped($0.value))\"" }.joined(separator: "\n")
        case .dockerArgs:
            return sorted.map { "--env=\($0.key)=\(shellQuoted($0.value))" }.joined(separator: " ")
        case .json:
            if sorted.isEmpty { return "{}" }
            let members = sorted.map { "  \(jsonQuoted($0.key)): \(jsonQuoted($0.value))" }
            return "{\n" + members.joined(separator: ",\n") + "\n}"
        }
    }

    /// `s` in single quotes; each `'` becomes `'\''`.
    public static func shellQuoted(_ s: String) -> String {
        "'" + s.replacingAll("'", with: "'\\''") + "'"
    }

    static func envfileEscaped(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "$": out += "\\$"
            case "`": out += "\\`"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `s` as a JSON string literal.
    static func jsonQuoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
