import Foundation

/// Names an upgrade: `u20261130-012345-3fa9`, sortable by time, usable in a container name.
enum UpgradeID {
    static func make(now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        var generator = SystemRandomNumberGenerator()
        let suffix = String((0..<4).map { _ in "0123456789abcdef".randomElement(using: &generator)! })
        return "u" + formatter.string(from: now) + "-" + suffix
    }

    /// Whether `text` looks like an id `make` returned (it names a folder and a container).
    static func isValid(_ text: String) -> Bool {
        text.first == "u" && text.count <= 40
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}
