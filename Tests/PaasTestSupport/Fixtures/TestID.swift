import Foundation

/// A unique id for one test: names its apps, containers and files, and labels everything it
/// makes in Docker (`paas.test=<id>`) so that exactly those things can be removed afterwards.
public struct TestID: Sendable, Hashable, CustomStringConvertible {
    /// The label key every Docker object a test creates carries.
    public static let labelKey = "paas.test"

    /// Lowercase letters, digits and dashes, starting with a letter: valid as an app name, a
    /// Docker name and a hostname label.
    public let value: String

    /// A fresh id, `prefix-` followed by random hex (prefix is lowercased and cleaned).
    public init(_ prefix: String = "t") {
        let cleaned = prefix.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        let head = cleaned.first?.isLetter == true ? cleaned : "t" + cleaned
        let random = (0..<5).map { _ in String(UInt8.random(in: 0...255), radix: 16) }
            .map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        value = "\(head.prefix(20))-\(random)"
    }

    /// The label set to attach to Docker objects: `["paas.test": value]`.
    public var labels: [String: String] { [Self.labelKey: value] }

    /// The Docker filter value that selects this test's objects: `paas.test=<id>`.
    public var labelFilter: String { "\(Self.labelKey)=\(value)" }

    /// A name derived from this id, e.g. `id.name("web")` → `t-3fa0c1d2e4-web`.
    public func name(_ suffix: String) -> String { "\(value)-\(suffix)" }

    public var description: String { value }
}
