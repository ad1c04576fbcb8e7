import PaasStore
import PaasSupport
import Synchronization

/// Measures the phases of one deploy (a push, a config change, a rollback, a restart) on the
/// platform's stopwatch: the timings block at the end of its output, and the release's record.
public final class PhaseTimer: Sendable {
    private struct State {
        var spent: [DeployPhase: Duration] = [:]
        var started: [DeployPhase: Duration] = [:]
        var notes: [DeployPhase: String] = [:]
    }

    private let stopwatch: Stopwatch
    private let origin: Duration
    private let state = Mutex(State())

    /// A timer whose total runs from now.
    public init(stopwatch: Stopwatch) {
        self.stopwatch = stopwatch
        origin = stopwatch.elapsed
    }

    /// Starts timing `phase`; time adds up when a phase runs more than once.
    public func begin(_ phase: DeployPhase) {
        let now = stopwatch.elapsed
        state.withLock { $0.started[phase] = now }
    }

    /// Stops timing `phase`.
    public func end(_ phase: DeployPhase) {
        let now = stopwatch.elapsed
        state.withLock { s in
            guard let start = s.started.removeValue(forKey: phase) else { return }
            s.spent[phase, default: .zero] += now - start
        }
    }

    /// Runs `body` as `phase`, timed also when it throws.
    public func measure<T>(_ phase: DeployPhase, _ body: () throws -> T) rethrows -> T {
        begin(phase)
        defer { end(phase) }
        return try body()
    }

    /// Notes that `phase` did not run, and why (`build` skipped: unchanged).
    public func skip(_ phase: DeployPhase, because reason: String) {
        state.withLock { $0.notes[phase] = reason }
    }

    /// The phases so far (one still running counts until now) and the total since the start.
    public var timings: PhaseTimings {
        let now = stopwatch.elapsed
        return state.withLock { s in
            var timings = PhaseTimings()
            for (phase, spent) in s.spent { timings[phase] = spent.wholeMilliseconds }
            for (phase, start) in s.started {
                timings[phase] = (s.spent[phase, default: .zero] + now - start).wholeMilliseconds
            }
            timings[.total] = (now - origin).wholeMilliseconds
            return timings
        }
    }

    /// The timings block's lines: the phases of `timings` (default: so far) in deploy order,
    /// a few to a line, with the skipped ones and why.
    public func lines(_ timings: PhaseTimings? = nil) -> [String] {
        let timings = timings ?? self.timings
        let notes = state.withLock { $0.notes }
        let items = DeployPhase.allCases.compactMap { phase -> String? in
            if let ms = timings[phase] { return "\(phase.title) \(PhaseTimings.text(milliseconds: ms))" }
            return notes[phase].map { "\(phase.title) skipped: \($0)" }
        }
        var lines: [String] = []
        var line = ""
        for item in items {
            if !line.isEmpty && line.count + item.count > 64 {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " | ") + item
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Prints the timings block on `platform`'s output: `-----> Timings` and `lines`.
    public func report(on platform: Platform, _ timings: PhaseTimings? = nil) {
        platform.step("Timings")
        for line in lines(timings) { platform.detail(line) }
    }
}
