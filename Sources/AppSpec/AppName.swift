/// The rules for app names.
///
/// An app name is also a DNS label (`APP.example.com`), a Docker name part and a file name,
/// so it is `^[a-z][a-z0-9-]{0,62}$` and, like a DNS label, does not end with '-'.
/// (Dokku also allows a leading digit; we do not, so a name is never mistaken for a number.)
public enum AppName {
    /// The longest name allowed.
    public static let maxLength = 63

    /// Returns `s` when it is a valid app name; throws `AppSpecError` saying what is expected.
    @discardableResult
    public static func validate(_ s: String) throws -> String {
        let bytes = Array(s.utf8)
        let valid =
            !bytes.isEmpty && bytes.count <= maxLength
            && isLower(bytes[0])
            && bytes.allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
            && bytes.last != UInt8(ascii: "-")
        guard valid else {
            throw AppSpecError(
                "invalid app name '\(s)': expected 1 to \(maxLength) lowercase letters, digits or '-', "
                    + "starting with a letter and not ending with '-'")
        }
        return s
    }

    static func isLower(_ b: UInt8) -> Bool { b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") }
    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
