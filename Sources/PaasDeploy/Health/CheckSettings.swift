import PaasStore

/// How a rollout checks and retires containers; per app, set with `checks:set`.
public struct CheckSettings: Sendable, Equatable {
    /// Seconds to wait before the first check.
    public var wait: Double = 0
    /// Seconds a new container may take to become ready before the deploy fails.
    public var timeout: Double = 60
    /// Attempts of an app.json check before it counts as failed.
    public var attempts: Int = 5
    /// Seconds a ready container must stay up before it counts as healthy.
    public var settle: Double = 0.1
    /// Seconds old containers keep running after the switch, for requests in flight.
    public var drain: Double = 0
    /// Seconds between SIGTERM and SIGKILL when a container is stopped.
    public var stopTimeout: Int = 10
    /// Process types deployed stop-first (old stopped before new starts): `checks:disable`.
    public var disabled: Set<String> = []
    /// Process types whose checks are skipped (started and switched at once): `checks:skip`.
    public var skipped: Set<String> = []

    public init() {}

    /// The word that stands for every process type in `disabled` and `skipped`.
    public static let all = "_all_"

    /// Whether `process` is deployed stop-first.
    public func stopsFirst(_ process: String) -> Bool { disabled.contains(Self.all) || disabled.contains(process) }
    /// Whether the checks of `process` are skipped.
    public func skips(_ process: String) -> Bool { skipped.contains(Self.all) || skipped.contains(process) }

    /// The keys `checks:set` accepts, as stored in the app's settings (`checks.KEY`).
    public static let keys = ["wait", "timeout", "attempts", "settle", "drain", "stop-timeout"]

    /// The settings of `app`, defaults where unset.
    public static func load(app: String, store: Store) throws -> CheckSettings {
        let s = try store.settings(app)
        var c = CheckSettings()
        if let v = s["checks.wait"].flatMap(Double.init) { c.wait = v }
        if let v = s["checks.timeout"].flatMap(Double.init) { c.timeout = v }
        if let v = s["checks.attempts"].flatMap(Int.init) { c.attempts = v }
        if let v = s["checks.settle"].flatMap(Double.init) { c.settle = v }
        if let v = s["checks.drain"].flatMap(Double.init) { c.drain = v }
        if let v = s["checks.stop-timeout"].flatMap(Int.init) { c.stopTimeout = v }
        if let v = s["checks.disabled"] { c.disabled = Set(v.split(separator: ",").map(String.init)) }
        if let v = s["checks.skipped"] { c.skipped = Set(v.split(separator: ",").map(String.init)) }
        return c
    }
}
