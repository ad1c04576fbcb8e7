import CPaasSystem
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What to run and how to wire it.
public struct ProcessSpec: Sendable {
    /// Where the bytes for the child's stdin come from.
    public enum Input: Sendable {
        /// /dev/null.
        case none
        /// These bytes, then end of file.
        case bytes([UInt8])
        /// This process's own stdin (interactive commands).
        case inherit
        /// Bytes written later by the holder of `LateInput` (a child started ahead of its input);
        /// the timeout counts from then.
        case later(LateInput)
    }

    /// Where the child's stdout or stderr goes.
    public enum Output: Sendable {
        /// Collected into the result, up to `limit` bytes (the rest is counted, not kept).
        case capture(limit: Int)
        /// Straight to this process's own descriptor.
        case inherit
        /// Handed over chunk by chunk as it arrives.
        case stream(@Sendable ([UInt8]) -> Void)
        /// /dev/null.
        case discard
    }

    public var executable: String
    public var arguments: [String]
    /// The child's whole environment; nil inherits ours.
    public var environment: [String: String]?
    public var workingDirectory: String?
    public var stdin: Input
    public var stdout: Output
    public var stderr: Output
    /// Killed (with its process group when `newProcessGroup`) after this long.
    public var timeout: Duration?
    /// Runs the child in a process group of its own so a timeout kills all it started.
    public var newProcessGroup: Bool

    public init(
        executable: String, arguments: [String] = [], environment: [String: String]? = nil,
        workingDirectory: String? = nil, stdin: Input = .none,
        stdout: Output = .capture(limit: 1 << 20), stderr: Output = .inherit,
        timeout: Duration? = nil, newProcessGroup: Bool = false
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.timeout = timeout
        self.newProcessGroup = newProcessGroup
    }
}

/// How a child ended and what it wrote.
public struct ProcessResult: Sendable {
    public enum Status: Sendable, Equatable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
        case cancelled
    }

    public var status: Status
    public var stdout: [UInt8]
    public var stderr: [UInt8]
    /// True when captured output went over its limit.
    public var truncated: Bool

    /// True for exit status 0.
    public var succeeded: Bool { status == .exited(0) }
    /// Captured stdout as UTF-8 text.
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    /// Captured stderr as UTF-8 text.
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Failures to start a child (not the child's own failures, which are in `ProcessResult`).
public struct ProcessError: Error, CustomStringConvertible {
    public let executable: String
    public let message: String
    public var description: String { "cannot run \(executable): \(message)" }
}

/// Runs child processes. The seam that lets tests replace real programs.
public protocol ProcessRunner: Sendable {
    /// Runs `spec` to completion (or timeout, or cancellation).
    func run(_ spec: ProcessSpec) throws -> ProcessResult
}

/// Runs children with posix_spawn, pumping their pipes with poll(2); no shell is involved.
public struct PosixProcessRunner: ProcessRunner {
    /// The `Cancellation` that kills the child when set; nil ignores cancellation.
    public let cancellation: Cancellation?

    public init(cancellation: Cancellation? = .shared) { self.cancellation = cancellation }

    public func run(_ spec: ProcessSpec) throws -> ProcessResult {
        var pipes: [(parent: Int32, child: Int32, target: Int32)] = []
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }

        func makePipe(childReads: Bool) throws -> (parent: Int32, child: Int32) {
            var fds: [Int32] = [0, 0]
            guard paas_pipe_cloexec(&fds) == 0 else {
                throw ProcessError(executable: spec.executable, message: String(cString: strerror(errno)))
            }
            return childReads ? (fds[1], fds[0]) : (fds[0], fds[1])
        }

        var stdinBytes: [UInt8] = []
        var late: (input: LateInput, pipe: (parent: Int32, child: Int32))?
        switch spec.stdin {
        case .none: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .inherit: break
        case .bytes(let bytes):
            let p = try makePipe(childReads: true)
            pipes.append((p.parent, p.child, 0))
            stdinBytes = bytes
        case .later(let input):
            do {
                late = (input, try makePipe(childReads: true))
            } catch {
                input.ended()
                throw error
            }
            posix_spawn_file_actions_adddup2(&actions, late!.pipe.child, 0)
        }
        for (output, target) in [(spec.stdout, Int32(1)), (spec.stderr, Int32(2))] {
            switch output {
            case .inherit: break
            case .discard: posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
            case .capture, .stream:
                let p = try makePipe(childReads: false)
                pipes.append((p.parent, p.child, target))
            }
        }
        for p in pipes { posix_spawn_file_actions_adddup2(&actions, p.child, p.target) }
        if let dir = spec.workingDirectory { paas_spawn_addchdir(&actions, dir) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var flags = Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if spec.newProcessGroup {
            flags |= Int16(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, flags)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = ([spec.executable] + spec.arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environment = spec.environment ?? ProcessInfo.processInfo.environment
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }

        var pid: pid_t = 0
        let rc = posix_spawn(&pid, spec.executable, &actions, &attributes, argv, envp)
        for p in pipes { close(p.child) }
        if let late { close(late.pipe.child) }
        guard rc == 0 else {
            for p in pipes { close(p.parent) }
            if let late {
                close(late.pipe.parent)
                late.input.ended()
            }
            throw ProcessError(executable: spec.executable, message: String(cString: strerror(rc)))
        }
        late?.input.attach(fd: late!.pipe.parent, pid: pid, processGroup: spec.newProcessGroup)
        defer { late?.input.ended() }
        return pump(pid: pid, spec: spec, pipes: pipes.map { ($0.parent, $0.target) }, stdinBytes: stdinBytes)
    }

    private func pump(pid: pid_t, spec: ProcessSpec, pipes: [(fd: Int32, target: Int32)], stdinBytes: [UInt8])
        -> ProcessResult
    {
        var open = pipes
        for p in open { _ = fcntl(p.fd, F_SETFL, fcntl(p.fd, F_GETFL) | O_NONBLOCK) }
        var stdinOffset = 0
        if let i = open.firstIndex(where: { $0.target == 0 }), stdinBytes.isEmpty {
            close(open[i].fd)
            open.remove(at: i)
        }
        var captured: [Int32: [UInt8]] = [1: [], 2: []]
        var truncated = false
        let started = ContinuousClock.now
        // A child waiting for late input has its timeout counted from the delivery.
        var deadline: ContinuousClock.Instant? {
            guard let timeout = spec.timeout else { return nil }
            guard case .later(let input) = spec.stdin else { return started + timeout }
            return input.deliveredAt.map { $0 + timeout }
        }
        var ending: ProcessResult.Status?
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)

        func output(for target: Int32) -> ProcessSpec.Output { target == 1 ? spec.stdout : spec.stderr }
        func kill(_ why: ProcessResult.Status) {
            ending = why
            Glibc.kill(spec.newProcessGroup ? -pid : pid, SIGKILL)
        }

        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0.fd, events: Int16($0.target == 0 ? POLLOUT : POLLIN), revents: 0) }
            let n = poll(&fds, nfds_t(fds.count), 50)
            if n < 0 && errno != EINTR { break }
            if ending == nil {
                if let deadline, ContinuousClock.now >= deadline { kill(.timedOut) }
                if let c = cancellation, c.isCancelled { kill(.cancelled) }
            }
            var closed: Set<Int32> = []
            for (i, p) in fds.enumerated() where p.revents != 0 {
                let target = open[i].target
                if target == 0 {
                    let w = stdinBytes.withUnsafeBytes {
                        write(p.fd, $0.baseAddress! + stdinOffset, stdinBytes.count - stdinOffset)
                    }
                    if w > 0 { stdinOffset += w }
                    if w < 0 && errno != EAGAIN && errno != EINTR || stdinOffset >= stdinBytes.count {
                        closed.insert(p.fd)
                    }
                    continue
                }
                let r = read(p.fd, &buffer, buffer.count)
                if r > 0 {
                    let chunk = Array(buffer[0..<r])
                    switch output(for: target) {
                    case .capture(let limit):
                        let room = max(0, limit - captured[target]!.count)
                        if room < chunk.count { truncated = true }
                        captured[target]!.append(contentsOf: chunk.prefix(room))
                    case .stream(let sink): sink(chunk)
                    default: break
                    }
                } else if r == 0 || (errno != EAGAIN && errno != EINTR) {
                    closed.insert(p.fd)
                }
            }
            for fd in closed { close(fd) }
            open.removeAll { closed.contains($0.fd) }
        }

        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, ending == nil ? WNOHANG : 0)
            if r == pid { break }
            if r < 0 && errno != EINTR { break }
            if r == 0 {
                if let deadline, ContinuousClock.now >= deadline, ending == nil { kill(.timedOut) }
                if let c = cancellation, c.isCancelled, ending == nil { kill(.cancelled) }
                usleep(2000)
            }
        }
        let final: ProcessResult.Status
        if let ending {
            final = ending
        } else if status & 0x7f == 0 {
            final = .exited((status >> 8) & 0xff)
        } else {
            final = .signaled(status & 0x7f)
        }
        return ProcessResult(status: final, stdout: captured[1]!, stderr: captured[2]!, truncated: truncated)
    }

    /// Replaces this process with `executable` (used to hand an ssh session to git-receive-pack).
    public static func exec(_ executable: String, _ arguments: [String], environment: [String: String]) -> Never {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        execve(executable, argv, envp)
        Terminal.err.line("paas: cannot run \(executable): \(String(cString: strerror(errno)))")
        exit(127)
    }
}
