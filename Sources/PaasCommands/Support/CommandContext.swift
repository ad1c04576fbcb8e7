import Foundation
import PaasDeploy
import PaasPlugins
import PaasSupport

#if canImport(Glibc)
    import Glibc
#endif

/// What a command runs with: the state root, who is calling, and the platform (opened lazily so
/// commands that need no Docker or database stay fast).
public final class CommandContext: @unchecked Sendable {
    // @unchecked: the lazily opened platform is guarded by `lock`; everything else is immutable.
    public let root: StateRoot
    /// The ssh key name of the caller, or the local user.
    public let user: String
    /// Whether the command came in over ssh.
    public let viaSSH: Bool
    public let out: Terminal
    public let err: Terminal
    private let lock = NSLock()
    private var opened: Platform?
    private let factory: @Sendable (StateRoot, String) throws -> Platform

    public init(
        root: StateRoot, user: String, viaSSH: Bool = false, out: Terminal = .out, err: Terminal = .err,
        platform: @escaping @Sendable (StateRoot, String) throws -> Platform = {
            try Platform.open(root: $0, user: $1, reservedCommands: CommandTable.names)
        }
    ) {
        self.root = root
        self.user = user
        self.viaSSH = viaSSH
        self.out = out
        self.err = err
        self.factory = platform
    }

    /// The context of this process, from `PAAS_ROOT`.
    public static func fromEnvironment(user: String, viaSSH: Bool = false) -> CommandContext {
        CommandContext(root: .fromEnvironment(), user: user, viaSSH: viaSSH)
    }

    /// The name of the local user running paas on the host.
    public static func localUser() -> String {
        if let pw = getpwuid(getuid()) { return String(cString: pw.pointee.pw_name) }
        return "uid \(getuid())"
    }

    /// The enabled plugins (without opening the platform: `user-auth` and plugin commands stay fast).
    public var plugins: PluginRunner {
        get throws {
            try root.prepare()
            return Platform.pluginRunner(root: root, reserved: CommandTable.names)
        }
    }

    /// The platform (store, Docker, proxy), opened on first use.
    public var platform: Platform {
        get throws {
            try lock.withLock {
                if let opened { return opened }
                try root.prepare()
                let p = try factory(root, user)
                opened = p
                return p
            }
        }
    }
}
