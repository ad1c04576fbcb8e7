import Foundation
import PaasTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A `git push` started in the background in a process group of its own (as a shell starts a
/// foreground job), so that a test can press Ctrl+C on it: SIGINT to the whole group reaches
/// git and the ssh client it started, exactly as a terminal's Ctrl+C does.
final class InterruptedPush {
    let pid: pid_t
    private let folder: TempDir
    private var exitStatus: Int32?

    /// Starts `git push remote ref` in `repo` with `GIT_SSH_COMMAND=sshCommand`; stdout and
    /// stderr go to a file that `output` reads.
    init(_ repo: GitFixture, remote: String, ref: String = "main", sshCommand: String) throws {
        folder = try TempDir(prefix: "paas-push")
        guard let git = Run.which("git") else { throw TestSupportError("git is not on PATH") }
        let log = folder.file("push.log")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
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

        let words: [String] = [git, "-C", repo.path, "push", remote, ref]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var env = ProcessInfo.processInfo.environment
        env["GIT_SSH_COMMAND"] = sshCommand
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, git, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw TestSupportError("cannot start git push: \(String(cString: strerror(rc)))") }
        pid = child
    }

    deinit {
        if exitStatus == nil {
            kill(-pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }

    /// What git printed so far (its own progress and the `remote:` lines of the hook).
    var output: String { (try? String(contentsOfFile: folder.file("push.log"), encoding: .utf8)) ?? "" }

    /// Waits until the output contains `marker`; false when `timeout` passes or git ends first.
    func waitForOutput(_ marker: String, timeout: Duration = .seconds(120)) -> Bool {
        waitUntil(timeout: timeout, every: .milliseconds(100)) {
            output.contains(marker) || !isRunning
        } && output.contains(marker)
    }

    /// Whether git is still running (reaps it when it has ended).
    var isRunning: Bool {
        if exitStatus != nil { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            exitStatus = status
            return false
        }
        return true
    }

    /// Ctrl+C: SIGINT to git's process group; waits for git to end (SIGKILL after `timeout`).
    /// Returns git's raw wait status.
    @discardableResult
    func interrupt(timeout: Duration = .seconds(20)) -> Int32 {
        kill(-pid, SIGINT)
        if !waitUntil(timeout: timeout, every: .milliseconds(50), { !isRunning }) {
            kill(-pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            exitStatus = status
        }
        return exitStatus ?? 0
    }
}
