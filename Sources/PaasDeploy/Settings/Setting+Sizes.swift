extension Setting where Value == Int64 {
    /// A size in bytes written `512m`, `2g`, `64k` or `4096b` (a bare number is megabytes, as
    /// in Dokku), from `minimum` up; `unlimited` (stored as 0) when `unlimited` is allowed.
    public static func size(
        _ key: String, default defaultValue: Int64, minimum: Int64, unlimited: Bool = false, help: String
    ) -> Setting {
        let least = ByteSize.describe(minimum)
        return Setting(
            key, default: defaultValue,
            expected: "a size such as 512m or 2g (k, m, g; at least \(least))" + (unlimited ? ", or unlimited" : ""),
            help: help, global: true,
            parse: { text in
                if unlimited && text == "unlimited" { return 0 }
                guard let bytes = ByteSize.parse(text), bytes >= minimum else { throw InvalidSettingValue() }
                return bytes
            },
            encode: { ByteSize.describe($0) }, describe: { $0 == 0 && unlimited ? "unlimited" : ByteSize.describe($0) })
    }
}

/// Sizes as users write them: `512m`, `2g`, `64k`, `100b`; a bare number is megabytes.
public enum ByteSize {
    /// The bytes `text` stands for, or nil when it is not a size (or over 1 TiB).
    public static func parse(_ text: String) -> Int64? {
        let lower = text.lowercased()
        let units: [(String, Int64)] = [("b", 1), ("k", 1 << 10), ("m", 1 << 20), ("g", 1 << 30)]
        var digits = Substring(lower)
        var unit: Int64 = 1 << 20
        if let last = lower.last, !last.isNumber {
            guard let found = units.first(where: { $0.0 == String(last) }) else { return nil }
            unit = found.1
            digits = lower.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), digits.count <= 13,
            let n = Int64(digits), n * unit <= 1 << 40
        else { return nil }
        return n * unit
    }

    /// `512m` for 512 MiB, `2g`, `64k`, `100b`: the largest unit that divides it.
    public static func describe(_ bytes: Int64) -> String {
        for (suffix, unit) in [("g", Int64(1) << 30), ("m", 1 << 20), ("k", 1 << 10)]
        where bytes >= unit && bytes % unit == 0 {
            return "\(bytes / unit)\(suffix)"
        }
        return "\(bytes)b"
    }
}
