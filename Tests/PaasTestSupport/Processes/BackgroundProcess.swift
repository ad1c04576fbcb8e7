import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A long-running child (a test sshd or nginx) started in the background with its stdout and
/// stderr appended to a log file. Stopped by pid: SIGTERM, then SIGKILL after a grace period.
public final class BackgroundProcess: Sendable {
    /// The child's process id.
    public let pid: pid_t
    /// Where its stdout and stderr go.
    public let logFile: String
    private let reaped = Mutex(false)

    /// Starts `executable` (absolute path) with `arguments`, stdin from /dev/null.
    public init(_ executable: String, _ arguments: [String], logFile: String) throws {
        let log = open(logFile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard log >= 0 else { throw TestSupportError("cannot open \(logFile)") }
        defer { close(log) }
        pid = try Self.spawnInOwnGroup(executable, arguments, output: log)
        self.logFile = logFile
    }

    /// Starts `executable` in a process group of its own (as a shell starts a job, so a signal
    /// to the group reaches it and everything it starts), with default signal handling, stdin
    /// from /dev/null, stdout and stderr to `output`, and `environment` added to ours.
    public static func spawnInOwnGroup(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], output: Int32
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw TestSupportError("cannot start \(executable): \(String(cString: strerror(rc)))") }
        return child
    }

    deinit { stop() }

    /// Whether the child is still running (a zombie counts as ended and is reaped here).
    public var isRunning: Bool {
        reaped.withLock { done in
            if done { return false }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { done = true }
            return !done
        }
    }

    /// Stops the child: SIGTERM, up to `grace` to exit, then SIGKILL; reaps it. Safe to call twice.
    public func stop(grace: Duration = .seconds(5)) {
        reaped.withLock { done in
            guard !done else { return }
            kill(pid, SIGTERM)
            let deadline = ContinuousClock.now + grace
            var status: Int32 = 0
            while waitpid(pid, &status, WNOHANG) == 0 {
                if ContinuousClock.now >= deadline {
                    kill(pid, SIGKILL)
                    waitpid(pid, &status, 0)
                    break
                }
                usleep(10_000)
            }
            done = true
        }
    }

    /// The log's contents (for failure messages).
    public var log: String {
        (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
    }
}
