/// A phase of a deploy, in the order a push goes through them. A release made without a
/// build (config change, rollback) has only the phases that apply to it.
public enum DeployPhase: String, CaseIterable, Sendable, Hashable {
    case lock, reconcile, build, predeploy, release, start, checks
    case switchTraffic = "switch"
    case drain, postdeploy, total

    /// How the phase is named in output: its key, except `lock wait`.
    public var title: String { self == .lock ? "lock wait" : rawValue }
}

/// How long each phase of the deploy that made a release took, in milliseconds.
///
/// Stored with the release as a JSON object keyed by phase (`{"build": 3120, "total": 5230}`);
/// keys this version does not know are kept, so a newer paas's phases survive a downgrade.
public struct PhaseTimings: Codable, Sendable, Hashable {
    /// Milliseconds by phase key.
    public private(set) var milliseconds: [String: Int]

    /// Timings from milliseconds by phase.
    public init(_ milliseconds: [DeployPhase: Int] = [:]) {
        self.milliseconds = Dictionary(uniqueKeysWithValues: milliseconds.map { ($0.key.rawValue, $0.value) })
    }

    /// The milliseconds of `phase`, nil when the phase did not happen.
    public subscript(phase: DeployPhase) -> Int? {
        get { milliseconds[phase.rawValue] }
        set { milliseconds[phase.rawValue] = newValue }
    }

    /// The known phases that happened, in deploy order.
    public var phases: [(phase: DeployPhase, milliseconds: Int)] {
        DeployPhase.allCases.compactMap { phase in self[phase].map { (phase, $0) } }
    }

    public init(from decoder: any Decoder) throws {
        milliseconds = try decoder.singleValueContainer().decode([String: Int].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(milliseconds)
    }

    /// `milliseconds` for people: `840 ms` below a second, else seconds with one decimal (`3.2 s`).
    public static func text(milliseconds: Int) -> String {
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        let tenths = (milliseconds + 50) / 100
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
