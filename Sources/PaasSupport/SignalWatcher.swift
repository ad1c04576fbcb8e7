import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Turns SIGINT, SIGTERM and SIGHUP, and the death of the parent process, into
/// `Cancellation.shared`, so that a deploy in progress can undo itself before the process exits.
public enum SignalWatcher {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    nonisolated(unsafe) private static var parentTimer: DispatchSourceTimer?

    /// Starts watching. Call once, early in an executable. SIGPIPE is ignored so that a closed
    /// terminal shows up as a write error (and so a cancellation) rather than killing us midway.
    /// With `watchParent`, the parent exiting (the git client or the ssh session gone) cancels
    /// too, and so does stdout or stderr being closed at the other end while we are quiet.
    public static func install(watchParent: Bool) {
        signal(SIGPIPE, SIG_IGN)
        let queue = DispatchQueue(label: "paas.signals")
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { Cancellation.shared.cancel(name) }
            source.resume()
            sources.append(source)
        }
        if watchParent {
            let parent = getppid()
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100))
            timer.setEventHandler {
                if getppid() != parent || outputClosed() { Cancellation.shared.cancel("the client went away") }
            }
            timer.resume()
            parentTimer = timer
        }
    }

    /// Whether stdout or stderr is a pipe or socket whose reader has gone.
    static func outputClosed() -> Bool {
        var fds = [pollfd(fd: 1, events: 0, revents: 0), pollfd(fd: 2, events: 0, revents: 0)]
        guard poll(&fds, 2, 0) > 0 else { return false }
        return fds.contains { $0.revents & Int16(POLLERR | POLLHUP) != 0 }
    }
}
