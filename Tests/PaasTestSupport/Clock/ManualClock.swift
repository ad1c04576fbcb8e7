import Synchronization

/// A clock that moves only when a test says so (`advance(by:)`), for timing logic in tests.
public final class ManualClock: Clock, Sendable {
    /// A point on the manual clock: the time since it was made.
    public struct Instant: InstantProtocol {
        public var offset: Duration

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    private let time = Mutex(Duration.zero)

    /// A clock at zero.
    public init() {}

    public var now: Instant { Instant(offset: time.withLock { $0 }) }
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// Moves the clock on by `duration`.
    public func advance(by duration: Duration) { time.withLock { $0 += duration } }

    /// Returns at once, with the clock moved on to `deadline` if it was before it.
    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        time.withLock { $0 = max($0, deadline.offset) }
    }
}
