import DockerEngine
import PaasStore

/// What one container of an app may use, and the hardening every app container gets: memory,
/// CPU and pids limits (per process type via `resource:limit`), log rotation, capabilities
/// apps don't need dropped, and no privilege gain through setuid programs.
public struct ContainerLimits: Sendable, Equatable {
    /// Bytes; 0: unlimited.
    public var memory: Int64
    /// CPUs; 0: unlimited.
    public var cpus: Double
    public var pids: Int
    public var logMaxSize: Int64
    public var logMaxFile: Int

    /// Capabilities of Docker's default set that a web app or worker has no use for.
    public static let droppedCapabilities = ["AUDIT_WRITE", "MKNOD", "NET_RAW", "SETFCAP", "SETPCAP", "SYS_CHROOT"]

    /// The limits of `app`'s `process` containers: the type's own (`resource:limit APP TYPE`),
    /// else the app's, else the global, else the defaults.
    public static func load(app: String, process: String?, store: Store) throws -> ContainerLimits {
        let settings = try AppSettings.load(app: app, store: store)
        func pick<Value>(_ setting: Setting<Value>) -> Value {
            if let process, let own = settings.stored[setting.storageKey + "." + process], !own.isEmpty {
                return setting.value(stored: own)
            }
            return settings[setting]
        }
        return ContainerLimits(
            memory: pick(Settings.resourceMemory), cpus: pick(Settings.resourceCPUs), pids: pick(Settings.resourcePids),
            logMaxSize: settings[Settings.resourceLogMaxSize], logMaxFile: settings[Settings.resourceLogMaxFile])
    }

    /// Sets the limits, log rotation, dropped capabilities and `no-new-privileges` on `host`.
    public func apply(to host: inout HostSpec, hardened: Bool = true) {
        host.memory = memory > 0 ? memory : nil
        host.nanoCpus = cpus > 0 ? Int64((cpus * 1e9).rounded()) : nil
        host.pidsLimit = Int64(pids)
        host.logConfig = LogConfig(
            type: "json-file", config: ["max-size": ByteSize.describe(logMaxSize), "max-file": String(logMaxFile)])
        if hardened {
            host.capDrop = Self.droppedCapabilities
            host.securityOpt = ["no-new-privileges"]
        }
    }
}
