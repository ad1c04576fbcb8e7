import PaasStore

/// How a rollout checks and retires containers; per app, set with `checks:set` (the values are
/// declared in `Settings+Checks.swift`).
public struct CheckSettings: Sendable, Equatable {
    /// Seconds to wait before the first check.
    public var wait = Settings.checksWait.defaultValue
    /// Seconds a new container may take to become ready before the deploy fails.
    public var timeout = Settings.checksTimeout.defaultValue
    /// Attempts of an app.json check before it counts as failed.
    public var attempts = Settings.checksAttempts.defaultValue
    /// Seconds a ready container must stay up before it counts as healthy.
    public var settle = Settings.checksSettle.defaultValue
    /// Seconds old containers keep running after the switch, for requests in flight.
    public var drain = Settings.checksDrain.defaultValue
    /// Seconds between SIGTERM and SIGKILL when a container is stopped.
    public var stopTimeout = Settings.checksStopTimeout.defaultValue
    /// Process types deployed stop-first (old stopped before new starts): `checks:disable`.
    public var disabled = Settings.checksDisabled.defaultValue
    /// Process types whose checks are skipped (started and switched at once): `checks:skip`.
    public var skipped = Settings.checksSkipped.defaultValue

    public init() {}

    /// The word that stands for every process type in `disabled` and `skipped`.
    public static let all = Setting<Set<String>>.allProcesses

    /// Whether `process` is deployed stop-first. A type named in `skipped` is not, even when
    /// `disabled` holds `_all_`.
    public func stopsFirst(_ process: String) -> Bool {
        disabled.contains(process) || (disabled.contains(Self.all) && !skipped.contains(process))
    }

    /// Whether the checks of `process` are skipped. A type named in `disabled` is not, even when
    /// `skipped` holds `_all_`.
    public func skips(_ process: String) -> Bool {
        skipped.contains(process) || (skipped.contains(Self.all) && !disabled.contains(process))
    }

    /// The settings of `app`, defaults where unset.
    public static func load(app: String, store: Store) throws -> CheckSettings {
        let s = try AppSettings.load(app: app, store: store)
        var c = CheckSettings()
        c.wait = s[Settings.checksWait]
        c.timeout = s[Settings.checksTimeout]
        c.attempts = s[Settings.checksAttempts]
        c.settle = s[Settings.checksSettle]
        c.drain = s[Settings.checksDrain]
        c.stopTimeout = s[Settings.checksStopTimeout]
        c.disabled = s[Settings.checksDisabled]
        c.skipped = s[Settings.checksSkipped]
        return c
    }
}
