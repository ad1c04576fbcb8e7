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
            // on, orphaned, until it next writes to the client: so watch every ancestor up to
            // the session's start as well.
            let parent = getppid()
            let ancestors = sessionAncestors()
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100))
            timer.setEventHandler {
                if getppid() != parent || outputClosed() || ancestors.contains(where: { !$0.isAlive }) {
                    Cancellation.shared.cancel("the client went away")
                }
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

    // MARK: - Ancestors

    /// A process as /proc shows it: alive while its pid exists with the same start time.
    struct Ancestor: Sendable {
        let pid: pid_t
        let parent: pid_t
        let session: pid_t
        let started: String

        init?(pid: pid_t) {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            // After "pid (comm)": state, ppid, pgrp, session, ... starttime is the 20th.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 19, let parent = pid_t(fields[1]), let session = pid_t(fields[3]) else { return nil }
            self.pid = pid
            self.parent = parent
            self.session = session
            started = String(fields[19])
        }

        var isAlive: Bool { Ancestor(pid: pid)?.started == started }
    }

    /// The processes between us and the one that started our session, that one included: for a
    /// push over ssh, git-receive-pack (and a shell, when sshd runs the forced command through one)
    /// and sshd's session process, which exits when the client goes away. Watching only the
    /// parent is not enough: git-receive-pack outlives a dead client until it next writes to it,
    /// which may be never while a build or a health check is quiet.
    static func sessionAncestors() -> [Ancestor] {
        let session = getsid(0)
        var chain: [Ancestor] = []
        var pid = getppid()
        while pid > 1, chain.count < 16, let process = Ancestor(pid: pid) {
            chain.append(process)
            if process.session != session { break }
            pid = process.parent
        }
        return chain
    }
}
