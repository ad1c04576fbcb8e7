import Foundation

/// How one linked app fared in a push to a shared repository (or `repos:deploy`).
public struct RepoDeployResult: Sendable, Equatable, Encodable {
    /// The outcome, as the push's table shows it.
    public enum Outcome: Sendable, Equatable {
        case deployed(version: Int)
        case skipped(since: Int)
        case failed(String)
        case stopped
    }

    /// The app.
    public var app: String
    /// What happened.
    public var outcome: Outcome
    /// Wall time of its deploy, in seconds (0 for apps not deployed).
    public var seconds: Double

    /// A result row.
    public init(app: String, outcome: Outcome, seconds: Double = 0) {
        self.app = app
        self.outcome = outcome
        self.seconds = seconds
    }

    /// Whether the app failed (which rejects the push).
    public var failed: Bool {
        if case .failed = outcome { return true }
        return false
    }

    /// The result column: `deployed v4`, `skipped: unchanged since v3`, `failed: ...`.
    public var result: String {
        switch outcome {
        case .deployed(let version): return "deployed v\(version)"
        case .skipped(let since): return "skipped: unchanged since v\(since)"
        case .failed(let reason): return "failed: \(reason)"
        case .stopped: return "stopped, not deployed"
        }
    }

    enum CodingKeys: String, CodingKey { case app, result, seconds }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(app, forKey: .app)
        try c.encode(result, forKey: .result)
        try c.encode(seconds, forKey: .seconds)
    }

    /// The table that ends a push: one line per app, aligned.
    public static func table(_ results: [RepoDeployResult]) -> [String] {
        let width = max(3, results.map(\.app.count).max() ?? 0)
        let resultWidth = max(6, results.map { min($0.result.count, 100) }.max() ?? 0)
        func row(_ a: String, _ r: String, _ t: String) -> String {
            a.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + r.padding(toLength: resultWidth, withPad: " ", startingAt: 0) + "  " + t
        }
        return [row("app", "result", "time")]
            + results.map { r in
                let text = r.result.count > 100 ? String(r.result.prefix(97)) + "..." : r.result
                return row(r.app, text, r.seconds == 0 ? "-" : formatSeconds(r.seconds))
            }
    }

    static func formatSeconds(_ s: Double) -> String {
        s < 10 ? String(format: "%.1f s", s) : String(format: "%.0f s", s)
    }
}
