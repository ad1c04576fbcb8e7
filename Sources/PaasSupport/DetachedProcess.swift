import CPaasSystem
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Starts daemons that outlive the paas command that started them, and finds and ends them by
/// pid: a session of their own (no controlling terminal, not in our process group, so a ^C or
/// a hang-up of the command does not reach them), stdin from /dev/null, stdout and stderr
/// appended to a log file, no other descriptor inherited. No shell is involved.
public enum DetachedProcess {
    /// Starts `executable` with `arguments` in a new session, its output appended to `logFile`
    /// (created 0600); returns its pid without waiting for it.
    public static func spawn(
        executable: String, arguments: [String], logFile: String, environment: [String: String]? = nil
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        paas_spawn_addchdir(&actions, "/")
        // Nothing else of ours: an inherited ssh session pipe would keep that session open.
        paas_spawn_addclosefrom(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | paas_spawn_setsid_flag())
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = environment ?? ProcessInfo.processInfo.environment
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }

        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw ProcessError(executable: executable, message: String(cString: strerror(rc))) }
        return pid
    }

    /// True when `pid` is a live process (not a zombie) and, when `executable` is given, runs
    /// that program (its argv[0]), so a recycled pid is not mistaken for the daemon.
    public static func isRunning(_ pid: pid_t, executable: String? = nil) -> Bool {
        guard pid > 0 else { return false }
        reap(pid)
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        // A zombie is dead, but only once its last thread has gone: a Go daemon's main thread
        // shows as a zombie while the other threads still finish (and hold its sockets).
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")"),
            stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z"),
            ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task"))?.count ?? 0) <= 1
        {
            return false
        }
        guard let executable else { return true }
        guard let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let argv0 = String(decoding: cmdline.prefix { $0 != 0 }, as: UTF8.self)
        return argv0 == executable
    }

    /// Sends SIGTERM to `pid`, waits up to `grace` for it to end, then SIGKILLs it; returns when
    /// it is gone (reaping it when it is our own child).
    public static func terminate(_ pid: pid_t, grace: Duration = .seconds(10)) {
        guard isRunning(pid) else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while isRunning(pid) && ContinuousClock.now < deadline { usleep(20_000) }
        guard isRunning(pid) else { return }
        kill(pid, SIGKILL)
        let hardDeadline = ContinuousClock.now + .seconds(5)
        while isRunning(pid) && ContinuousClock.now < hardDeadline { usleep(20_000) }
    }

    /// Collects the exit status of `pid` if it is our child and has ended (else does nothing).
    private static func reap(_ pid: pid_t) {
        var status: Int32 = 0
        _ = waitpid(pid, &status, WNOHANG)
    }
}
