/// A command a key may not run: "KEY may not COMMAND APP (role ROLE)".
public struct AccessDenied: Error, CustomStringConvertible, Equatable {
    /// The key's name.
    public let key: String
    /// The command as typed (`config:set`, `push`).
    public let command: String
    /// The app it would act on; nil for a host-wide command.
    public let app: String?
    /// The key's role there (`read`, `none`, `admin`).
    public let role: String
    /// Why, when the role alone does not say it.
    public var reason: String?

    public var description: String {
        let target = app.map { " " + Self.printable($0) } ?? ""
        return "\(key) may not \(command)\(target) (role \(role))" + (reason.map { ": " + $0 } ?? "")
    }

    /// `word` with control characters escaped, so that the refusal stays one line whatever was typed.
    static func printable(_ word: String) -> String {
        var out = ""
        for scalar in word.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
