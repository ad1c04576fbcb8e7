/// Time elapsed on a monotonic clock since the stopwatch was made.
///
/// The platform keeps one per process: `PAAS_TRACE=1` prefixes output lines with it and the
/// deploy measures its phases on it. Tests make one over a clock they move by hand.
public struct Stopwatch: Sendable {
    private let read: @Sendable () -> Duration

    /// A stopwatch started now on `clock`.
    public init<C: Clock>(clock: C) where C.Duration == Duration {
        let start = clock.now
        read = { start.duration(to: clock.now) }
    }

    /// A stopwatch started now on the continuous (monotonic) clock.
    public init() { self.init(clock: ContinuousClock()) }

    /// The time since the start.
    public var elapsed: Duration { read() }
}

extension Duration {
    /// The duration in whole milliseconds, rounded down.
    public var wholeMilliseconds: Int {
        let parts = components
        return Int(parts.seconds) * 1000 + Int(parts.attoseconds / 1_000_000_000_000_000)
    }
}
