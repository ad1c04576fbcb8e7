import DockerEngine
import Foundation
import PaasPlugins
import PaasStore
import PaasSupport

/// Everything a command or a deploy works with: state, Docker, the proxy, where output goes.
///
/// Commands receive one; tests build one with fakes.
public final class Platform: @unchecked Sendable {
    // @unchecked: every stored property is immutable and itself Sendable or thread-safe
    // (Store wraps a GRDB pool; DockerClient is Sendable); the lazily opened store is guarded.
    public let root: StateRoot
    public let settings: InstallSettings
    /// Docker calls that stop when the process is asked to stop.
    public let docker: DockerClient
    /// Docker calls for undoing work, which must finish even when the process is stopping.
    public let cleanupDocker: DockerClient
    public let proxy: Proxy
    public let runner: ProcessRunner
    /// The enabled plugins, fired at each step.
    public let plugins: PluginRunner
    /// Who is acting: the ssh key name, or `root`/the local user on the host.
    public let user: String
    /// Progress and messages for the person at the other end.
    public let log: Terminal
    /// Time since the platform was opened: `PAAS_TRACE` and the deploy's phase timings read it.
    public let stopwatch: Stopwatch

    private let storeFactory: @Sendable () throws -> Store
    private let storeLock = NSLock()
    private var openedStore: Store?

    public init(
        root: StateRoot, settings: InstallSettings, docker: DockerClient, cleanupDocker: DockerClient,
        proxy: Proxy, runner: ProcessRunner, plugins: PluginRunner, user: String, log: Terminal = .err,
        stopwatch: Stopwatch = Stopwatch(), store: @escaping @Sendable () throws -> Store
    ) {
        self.root = root
        self.settings = settings
        self.docker = docker
        self.cleanupDocker = cleanupDocker
        self.proxy = proxy
        self.runner = runner
        self.plugins = plugins
        self.user = user
        self.log = log
        self.stopwatch = stopwatch
        self.storeFactory = store
    }

    /// The platform of this host as configured by `settings.json` under `root`.
    public static func open(root: StateRoot, user: String, reservedCommands: Set<String> = []) throws -> Platform {
        let settings = try InstallSettings.load(from: root)
        let socket = settings.dockerSocket ?? DockerClient.socketPath()
        let runner = PosixProcessRunner()
        let plugins = pluginRunner(root: root, reserved: reservedCommands)
        let proxy = PluginProxy(plugins: plugins, certs: CertStore(root: root))
        return Platform(
            root: root, settings: settings,
            docker: DockerClient(transport: CurlTransport(socketPath: socket, cancellation: .shared)),
            cleanupDocker: DockerClient(transport: CurlTransport(socketPath: socket, cancellation: nil)),
            proxy: proxy, runner: runner, plugins: plugins, user: user,
            store: { try Store(root: root) })
    }

    /// The state database, opened on first use (commands that need none stay fast).
    public var store: Store {
        get throws {
            try storeLock.withLock {
                if let openedStore { return openedStore }
                let store = try storeFactory()
                openedStore = store
                return store
            }
        }
    }

    /// The same platform (same store, Docker, plugins, user), writing its output to `log`:
    /// its own lines, and what the plugins it runs (the proxy's included) print.
    public func logging(to log: Terminal) -> Platform {
        let plugins = plugins.writingStderr { log.write(bytes: $0) }
        return Platform(
            root: root, settings: settings, docker: docker, cleanupDocker: cleanupDocker,
            proxy: proxy.logging(to: log, plugins: plugins), runner: runner,
            plugins: plugins, user: user, log: log, stopwatch: stopwatch, store: { try self.store })
    }

    /// The labels every Docker object of `app` carries, plus the install's own labels.
    public func labels(app: String, role: Labels.Role, extra: [String: String] = [:]) -> [String: String] {
        var labels = settings.labels
        labels[Labels.app] = app
        labels[Labels.role] = role.rawValue
        labels.merge(extra) { _, new in new }
        return labels
    }

    /// Prints a step header the way Heroku and Dokku do (`-----> Building`); with `PAAS_TRACE=1`
    /// in the environment, each line also says how long after the start it came.
    public func step(_ text: String) { log.line("-----> " + trace + text) }
    /// Prints a detail line under a step.
    public func detail(_ text: String) { log.line("       " + trace + text) }

    /// Prints a timing detail only with `PAAS_TRACE=1` (where a deploy spends its time).
    public func trace(_ text: @autoclosure () -> String) {
        if Self.tracing { log.line("       " + trace + text()) }
    }

    private var trace: String {
        guard Self.tracing else { return "" }
        return "[+\(stopwatch.elapsed.wholeMilliseconds) ms] "
    }

    private static let tracing = ProcessInfo.processInfo.environment["PAAS_TRACE"] == "1"
}
