/// The rules for domains attached to apps.
public enum DomainName {
    /// Returns `s` lowercased when it is an RFC 1123 hostname (labels of 1 to 63 letters,
    /// digits and '-', not starting or ending with '-'; 253 characters at most), optionally
    /// preceded by one wildcard label `*.`; throws `AppSpecError` otherwise.
    @discardableResult
    public static func validate(_ s: String) throws -> String {
        let lowered = s.lowercased()
        var body = Substring(lowered)
        if body.hasPrefix("*.") { body = body.dropFirst(2) }
        let labels = body.split(separator: ".", omittingEmptySubsequences: false)
        let valid = !body.isEmpty && lowered.utf8.count <= 253 && labels.allSatisfy(isValidLabel)
        guard valid else {
            throw AppSpecError(
                "invalid domain '\(s)': expected a hostname like app.example.com or *.example.com "
                    + "(letters, digits and '-', dot-separated labels of 1 to 63 characters)")
        }
        return lowered
    }

    static func isValidLabel(_ label: Substring) -> Bool {
        let bytes = Array(label.utf8)
        guard !bytes.isEmpty, bytes.count <= 63, bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-")
        else { return false }
        return bytes.allSatisfy { AppName.isLower($0) || AppName.isDigit($0) || $0 == UInt8(ascii: "-") }
    }
}
