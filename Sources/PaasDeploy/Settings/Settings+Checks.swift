extension Settings {
    /// `checks.wait`.
    public static let checksWait = Setting<Double>.seconds(
        "checks.wait", default: 0, help: "Seconds to wait before the first check of a new container.")
    /// `checks.timeout`.
    public static let checksTimeout = Setting<Double>.seconds(
        "checks.timeout", default: 60, help: "Seconds a new container may take to become ready before the deploy fails."
    )
    /// `checks.attempts`.
    public static let checksAttempts = Setting<Int>.wholeNumber(
        "checks.attempts", default: 5, range: 0...86400,
        help: "Attempts of an app.json check before it counts as failed.")
    /// `checks.settle`.
    public static let checksSettle = Setting<Double>.seconds(
        "checks.settle", default: 0.1, help: "Seconds a ready container must stay up before it counts as healthy.")
    /// `checks.drain`.
    public static let checksDrain = Setting<Double>.seconds(
        "checks.drain", default: 0, help: "Seconds old containers keep serving requests in flight after the switch.")
    /// `checks.stop-timeout`.
    public static let checksStopTimeout = Setting<Int>.wholeNumber(
        "checks.stop-timeout", default: 10, range: 0...86400,
        help: "Seconds between SIGTERM and SIGKILL when a container is stopped.")
    /// `checks.disabled`.
    public static let checksDisabled = Setting<Set<String>>.processTypes(
        "checks.disabled", changedBy: "checks:disable and checks:enable",
        help: "Process types deployed stop-first: old containers stop before new start.")
    /// `checks.skipped`.
    public static let checksSkipped = Setting<Set<String>>.processTypes(
        "checks.skipped", changedBy: "checks:skip and checks:enable",
        help: "Process types started and switched to without waiting for checks.")
}

extension SettingFamily {
    /// `checks:set`, `checks:report`.
    public static let checks = SettingFamily(
        "checks", about: "how an app's deploys are checked",
        settings: [
            Settings.checksWait.erased, Settings.checksTimeout.erased, Settings.checksAttempts.erased,
            Settings.checksSettle.erased, Settings.checksDrain.erased, Settings.checksStopTimeout.erased,
            Settings.checksDisabled.erased, Settings.checksSkipped.erased,
        ])
}
