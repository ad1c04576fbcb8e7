/// The rule for ssh key names, checked byte by byte: 1 to 64 ASCII letters, digits, '.', '_',
/// '@' and '-', starting with a letter or digit. Nothing else passes: no trailing newline, no
/// space, no quote, nothing outside ASCII. The name ends up in authorized_keys and in every
/// refusal line, so it must be inert in both.
enum KeyName {
    /// `name` when it follows the rule; throws `KeyError.badName` otherwise.
    static func validate(_ name: String) throws -> String {
        let bytes = Array(name.utf8)
        guard (1...64).contains(bytes.count), isAlphanumeric(bytes[0]),
            bytes.allSatisfy({
                isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "@")
                    || $0 == UInt8(ascii: "-")
            })
        else { throw KeyError.badName(name) }
        return name
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
    }
}
