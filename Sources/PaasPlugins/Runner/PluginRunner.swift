import Foundation
import PaasPluginKit
import PaasSupport

/// Starts plugin executables for triggers and commands, speaking the protocol of docs/plugins.md.
public struct PluginRunner: Sendable {
    /// Where the plugins are.
    public let registry: PluginRegistry
    /// What starts the executables.
    public let processRunner: any ProcessRunner
    /// Sent to plugins as `paasVersion` / `PAAS_VERSION`.
    public let paasVersion: String
    /// The environment plugins inherit, before the `PAAS_*` variables are added.
    public let environment: [String: String]
    /// Where the plugins' stderr goes, chunk by chunk, as it comes (unprefixed).
    public let stderrSink: @Sendable ([UInt8]) -> Void
    /// The largest reply read from a trigger run; a bigger one is an error.
    public var replyLimit = 1 << 20

    /// A runner for the plugins of `registry`.
    public init(
        registry: PluginRegistry, processRunner: any ProcessRunner = PosixProcessRunner(),
        paasVersion: String = "0.0.0", environment: [String: String] = ProcessInfo.processInfo.environment,
        stderrSink: @escaping @Sendable ([UInt8]) -> Void = { Terminal.err.write(bytes: $0) }
    ) {
        self.registry = registry
        self.processRunner = processRunner
        self.paasVersion = paasVersion
        self.environment = environment.filter { !$0.key.hasPrefix("PAAS_") || $0.key == "PAAS_ROOT" || $0.key == "PAAS_BIN_DIR" }
        self.stderrSink = stderrSink
    }

    // MARK: - Triggers

    /// Runs, in order, the plugins that declare `trigger`, and says whether the core goes on.
    ///
    /// Each plugin gets one JSON request on stdin and answers on stdout. A plugin that stops, or
    /// fails (times out, crashes, answers with something that is not a reply), stops the chain on
    /// a trigger that can stop; on one that cannot, it becomes a warning and the chain goes on.
    /// Enabled plugins whose manifest is broken are skipped, each with a warning.
    public func fire(_ trigger: String, app: String?, data: JSONValue) -> TriggerOutcome {
        let known = KnownTrigger.named(trigger)
        let index = registry.index()
        var outcome = TriggerOutcome(
            stop: nil, changes: PluginChanges(), warnings: index.problems.map { "skipped: \($0)" }, ran: [])
        for handler in index.handlers(for: trigger) {
            outcome.ran.append(handler.plugin)
            let request = PluginRequest(kind: .trigger, name: trigger, app: app, data: data, paasVersion: paasVersion)
            let reply: PluginReply
            do {
                reply = try run(handler, request: request)
            } catch let failure as RunFailure {
                let message = failure.message
                if known?.canStop ?? true {
                    outcome.stop = .init(plugin: handler.plugin, message: message)
                    return outcome
                }
                outcome.warnings.append("plugin '\(handler.plugin)' failed on \(trigger): \(message)")
                continue
            } catch {
                outcome.warnings.append("plugin '\(handler.plugin)': \(error)")
                continue
            }
            if reply.action == .stop {
                let message = reply.message ?? "stopped \(trigger) (no message)"
                if known?.canStop ?? true {
                    outcome.stop = .init(plugin: handler.plugin, message: message)
                    return outcome
                }
                outcome.warnings.append("plugin '\(handler.plugin)' asked to stop \(trigger), which cannot stop: \(message)")
                continue
            }
            if let message = reply.message { outcome.warnings.append("plugin '\(handler.plugin)': \(message)") }
            if let changes = reply.changes, !changes.isEmpty {
                let (kept, ignored) = Self.filter(changes, allowed: known?.amends ?? [])
                outcome.changes = outcome.changes.merged(with: kept)
                if !ignored.isEmpty {
                    outcome.warnings.append(
                        "plugin '\(handler.plugin)': \(trigger) ignores \(ignored.joined(separator: ", ")) in a reply")
                }
            }
        }
        return outcome
    }

    /// One trigger run: start, feed, wait, read the reply.
    private func run(_ handler: PluginIndex.Handler, request: PluginRequest) throws -> PluginReply {
        try checkExecutable(handler)
        Self.ignoreBrokenPipes
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = Array(try encoder.encode(request)) + [0x0A]
        let tail = OutputTail()
        let sink = stderrSink
        let spec = ProcessSpec(
            executable: handler.executable, arguments: [request.name],
            environment: childEnvironment(handler, request: request, includeRequest: false),
            workingDirectory: handler.directory, stdin: .bytes(json), stdout: .capture(limit: replyLimit),
            stderr: .stream { chunk in
                tail.append(chunk)
                sink(chunk)
            },
            timeout: handler.timeout.map { .milliseconds(Int($0 * 1000)) }, newProcessGroup: true)
        let result: ProcessResult
        do {
            result = try processRunner.run(spec)
        } catch {
            throw RunFailure(message: "cannot start \(relative(handler)): \(Self.reason(error))")
        }
        if result.truncated {
            throw RunFailure(message: "reply too large (over \(replyLimit / 1024) KiB on stdout)")
        }
        let text = result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        let reply: PluginReply? = text.isEmpty ? nil : try? JSONDecoder().decode(PluginReply.self, from: Data(text.utf8))
        switch result.status {
        case .exited(0):
            if text.isEmpty { return .continue }
            guard let reply else {
                let start = text.prefix(80).replacingOccurrences(of: "\n", with: " ")
                throw RunFailure(message: "reply is not a JSON reply object: \(start)")
            }
            return reply
        case .exited(let code):
            throw RunFailure(message: reply?.message ?? tail.lastLine ?? "exited with status \(code)")
        case .signaled(let signal):
            throw RunFailure(message: "killed by signal \(signal)")
        case .timedOut:
            throw RunFailure(message: "timed out after \(Self.seconds(handler.timeout ?? 0)) s and was killed")
        case .cancelled:
            throw RunFailure(message: "interrupted")
        }
    }

    // MARK: - Commands

    /// Whether an enabled plugin provides command `name`.
    public func hasCommand(_ name: String) -> Bool { registry.index().commands[name] != nil }

    /// Runs plugin command `name` with the caller's stdin, stdout and stderr, and returns its exit
    /// status (128 + N when killed by signal N, 124 on timeout, 130 when interrupted).
    public func runCommand(_ name: String, args: [String], app: String?) throws -> Int32 {
        guard let handler = registry.index().commands[name] else { throw PluginError.unknownCommand(name) }
        do {
            try checkExecutable(handler)
        } catch let failure as RunFailure {
            throw PluginError.invalid(plugin: handler.plugin, problem: failure.message)
        }
        let request = PluginRequest(kind: .command, name: name, app: app, args: args, paasVersion: paasVersion)
        let spec = ProcessSpec(
            executable: handler.executable, arguments: [name] + args,
            environment: childEnvironment(handler, request: request, includeRequest: true),
            workingDirectory: handler.directory, stdin: .inherit, stdout: .inherit, stderr: .inherit,
            timeout: handler.timeout.map { .milliseconds(Int($0 * 1000)) }, newProcessGroup: false)
        let result: ProcessResult
        do {
            result = try processRunner.run(spec)
        } catch {
            throw PluginError.invalid(plugin: handler.plugin, problem: "cannot start \(relative(handler)): \(Self.reason(error))")
        }
        switch result.status {
        case .exited(let code): return code
        case .signaled(let signal): return 128 + signal
        case .timedOut: return 124
        case .cancelled: return 130
        }
    }

    // MARK: - Helpers

    private struct RunFailure: Error { let message: String }

    private func checkExecutable(_ handler: PluginIndex.Handler) throws {
        guard access(handler.executable, X_OK) == 0 else {
            let why = access(handler.executable, F_OK) == 0 ? "is not executable (chmod +x it)" : "is missing"
            throw RunFailure(message: "\(relative(handler)) \(why)")
        }
    }

    private func relative(_ handler: PluginIndex.Handler) -> String {
        handler.executable.hasPrefix(handler.directory + "/")
            ? String(handler.executable.dropFirst(handler.directory.count + 1)) : handler.executable
    }

    private func childEnvironment(_ handler: PluginIndex.Handler, request: PluginRequest, includeRequest: Bool)
        -> [String: String]
    {
        typealias E = PluginProtocol.Environment
        var env = environment
        env[E.protocol] = String(request.protocol)
        env[request.kind == .trigger ? E.trigger : E.command] = request.name
        env[E.app] = request.app
        env[E.pluginDirectory] = handler.directory
        env[E.root] = registry.root.path
        env[E.paasVersion] = paasVersion
        if env["PATH"] == nil { env["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        if includeRequest {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            env[E.request] = (try? encoder.encode(request)).map { String(decoding: $0, as: UTF8.self) }
        }
        try? FileManager.default.createDirectory(
            atPath: registry.dataDirectory(of: handler.plugin), withIntermediateDirectories: true)
        return env
    }

    private static func filter(_ changes: PluginChanges, allowed: Set<KnownTrigger.Amendment>)
        -> (PluginChanges, [String])
    {
        var kept = PluginChanges()
        var ignored: [String] = []
        func take<T: Collection>(_ field: KnownTrigger.Amendment, _ value: T, _ apply: () -> Void) {
            guard !value.isEmpty else { return }
            if allowed.contains(field) { apply() } else { ignored.append(field.rawValue) }
        }
        take(.env, changes.env) { kept.env = changes.env }
        take(.labels, changes.labels) {
            kept.labels = changes.labels.filter { !$0.key.hasPrefix("paas.") }
            if kept.labels.count < changes.labels.count { ignored.append("labels starting with paas.") }
        }
        take(.mounts, changes.mounts) { kept.mounts = changes.mounts }
        take(.buildArgs, changes.buildArgs) { kept.buildArgs = changes.buildArgs }
        take(.checks, changes.checks) { kept.checks = changes.checks }
        return (kept, ignored)
    }

    private static func reason(_ error: Error) -> String {
        (error as? ProcessError)?.message ?? "\(error)"
    }

    private static func seconds(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }

    /// A plugin that exits without reading its stdin must not kill paas with SIGPIPE: the write
    /// then fails with EPIPE instead. Process-wide, set once (paas ignores SIGPIPE anyway).
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()
}
