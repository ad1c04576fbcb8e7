/// A paas version, `MAJOR.MINOR.PATCH` with an optional `-suffix`, ordered numerically.
public struct ReleaseVersion: Comparable, Sendable, CustomStringConvertible {
    public let numbers: [Int]
    public let suffix: String
    public let description: String

    /// Parses "0.2.0" or "1.4.0-rc1"; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard let head = parts.first else { return nil }
        let numbers = head.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...4).contains(numbers.count), numbers.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
        self.numbers = numbers.map { $0! } + Array(repeating: 0, count: 4 - numbers.count)
        self.suffix = parts.count > 1 ? String(parts[1]) : ""
        self.description = text
    }

    public static func < (a: ReleaseVersion, b: ReleaseVersion) -> Bool {
        if a.numbers != b.numbers { return a.numbers.lexicographicallyPrecedes(b.numbers) }
        // A pre-release comes before its release: 1.0.0-rc1 < 1.0.0.
        if a.suffix.isEmpty != b.suffix.isEmpty { return !a.suffix.isEmpty }
        return a.suffix < b.suffix
    }

    public static func == (a: ReleaseVersion, b: ReleaseVersion) -> Bool {
        a.numbers == b.numbers && a.suffix == b.suffix
    }
}
