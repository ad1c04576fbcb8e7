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
            // The hook's parent is git-receive-pack, whose parent is the ssh session. When the
            // pushing client goes away (Ctrl+C), sshd ends that session but receive-pack lives
            // on, orphaned, until it next writes to the client: so watch the grandparent too.
            let parent = getppid()
            let grandparent = parentOf(parent)
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100))
            timer.setEventHandler {
                if getppid() != parent || outputClosed() || (grandparent != nil && parentOf(parent) != grandparent) {
                    Cancellation.shared.cancel("the client went away")
                }
            }
            timer.resume()
            parentTimer = timer
        }
    }

    /// The parent process id of `pid`, read from /proc (nil when it cannot be read).
    static func parentOf(_ pid: pid_t) -> pid_t? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // After "pid (comm)": state, then ppid.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? pid_t(fields[1]) : nil
    }

    /// Whether stdout or stderr is a pipe or socket whose reader has gone.
    static func outputClosed() -> Bool {
        var fds = [pollfd(fd: 1, events: 0, revents: 0), pollfd(fd: 2, events: 0, revents: 0)]
        guard poll(&fds, 2, 0) > 0 else { return false }
        return fds.contains { $0.revents & Int16(POLLERR | POLLHUP) != 0 }
    }
}
