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
    public private(set) var stderrSink: @Sendable ([UInt8]) -> Void
    /// The largest reply read from a trigger run; a bigger one is an error.
    public var replyLimit = 1 << 20
    /// Handler processes started ahead of their request (`prestart`), shared by copies.
    let prestarted = Prestarted()

    /// A runner for the plugins of `registry`.
    public init(
        registry: PluginRegistry, processRunner: any ProcessRunner = PosixProcessRunner(),
        paasVersion: String = "0.0.0", environment: [String: String] = ProcessInfo.processInfo.environment,
        stderrSink: @escaping @Sendable ([UInt8]) -> Void = { Terminal.err.write(bytes: $0) }
    ) {
        self.registry = registry
        self.processRunner = processRunner
        self.paasVersion = paasVersion
        self.environment = environment.filter {
            !$0.key.hasPrefix("PAAS_") || $0.key == "PAAS_ROOT" || $0.key == "PAAS_BIN_DIR"
        }
        self.stderrSink = stderrSink
    }

    /// The same runner (the same handlers started ahead) with the plugins' stderr going to
    /// `sink`: a repository deploy gives each app's deploy its own prefixed output.
    public func writingStderr(to sink: @escaping @Sendable ([UInt8]) -> Void) -> PluginRunner {
        var copy = self
        copy.stderrSink = sink
        return copy
    }

    // MARK: - Trigger runs

    /// What one trigger run came to: the process's result and the last line it wrote to stderr.
    struct TriggerRun {
        var result: ProcessResult
        var lastStderrLine: String?
    }

    /// Starts `handler` for `request` with `stdin`, streams its stderr, captures its stdout up to
    /// the reply limit and enforces its timeout. `extraEnvironment` is added last (tests, plugin:test).
    func execute(
        _ handler: PluginIndex.Handler, request: PluginRequest, stdin: ProcessSpec.Input,
        extraEnvironment: [String: String] = [:]
    ) throws -> TriggerRun {
        try checkExecutable(handler)
        Self.ignoreBrokenPipes
        let tail = OutputTail()
        let spec = triggerSpec(handler, request: request, stdin: stdin, tail: tail, extraEnvironment: extraEnvironment)
        do {
            return TriggerRun(result: try processRunner.run(spec), lastStderrLine: tail.lastLine)
        } catch {
            throw RunFailure(message: "cannot start \(relative(handler)): \(Self.reason(error))")
        }
    }

    /// How `handler` is started for `request`: its stderr streamed (and kept in `tail`), its
    /// stdout captured up to the reply limit, in a process group of its own, with its timeout.
    func triggerSpec(
        _ handler: PluginIndex.Handler, request: PluginRequest, stdin: ProcessSpec.Input, tail: OutputTail,
        extraEnvironment: [String: String] = [:]
    ) -> ProcessSpec {
        let sink = stderrSink
        var environment = childEnvironment(handler, request: request, includeRequest: request.kind == .command)
        environment.merge(extraEnvironment) { _, extra in extra }
        return ProcessSpec(
            executable: handler.executable, arguments: [request.name] + request.args,
            environment: environment, workingDirectory: handler.directory, stdin: stdin,
            stdout: .capture(limit: replyLimit),
            stderr: .stream { chunk in
                tail.append(chunk)
                sink(chunk)
            },
            timeout: handler.timeout.map { .milliseconds(Int($0 * 1000)) }, newProcessGroup: true)
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
            throw PluginError.invalid(
                plugin: handler.plugin, problem: "cannot start \(relative(handler)): \(Self.reason(error))")
        }
        switch result.status {
        case .exited(let code): return code
        case .signaled(let signal): return 128 + signal
        case .timedOut: return 124
        case .cancelled: return 130
        }
    }

    // MARK: - Helpers

    func checkExecutable(_ handler: PluginIndex.Handler) throws {
        guard access(handler.executable, X_OK) == 0 else {
            let why = access(handler.executable, F_OK) == 0 ? "is not executable (chmod +x it)" : "is missing"
            throw RunFailure(message: "\(relative(handler)) \(why)")
        }
    }

    func relative(_ handler: PluginIndex.Handler) -> String {
        handler.executable.hasPrefix(handler.directory + "/")
            ? String(handler.executable.dropFirst(handler.directory.count + 1)) : handler.executable
    }

    func childEnvironment(_ handler: PluginIndex.Handler, request: PluginRequest, includeRequest: Bool)
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

    static func reason(_ error: Error) -> String {
        (error as? ProcessError)?.message ?? "\(error)"
    }

    static func seconds(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }

    /// A plugin that exits without reading its stdin must not kill paas with SIGPIPE: the write
    /// then fails with EPIPE instead. Process-wide, set once (paas ignores SIGPIPE anyway).
    static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()
}

extension PluginRunner {
    /// The manifest entry of plugin command `name` (which argument is its app, the role it needs).
    public func commandEntry(_ name: String) -> PluginManifest.Command? {
        let index = registry.index()
        guard let plugin = index.commands[name]?.plugin else { return nil }
        return index.plugins[plugin]?.manifest.commands[name]
    }
}
