import Foundation
import PaasSupport

/// A real OpenSSH server for one test, on a free 127.0.0.1 port with its own config, host key
/// and authorized_keys file; plus a client key pair and helpers to run `ssh` and `git` with it.
///
/// Needs root (sshd switches users), `/run/sshd` and `/usr/sbin/sshd` (scripts/test.sh
/// provides both). Stopped by `stop()` or when released.
public final class TestSSHD: Sendable {
    /// The loopback port sshd listens on.
    public let port: UInt16
    /// Holds the config, host key, client keys, pid file and log.
    public let directory: TempDir
    /// The authorized_keys file sshd reads for every user.
    public let authorizedKeysFile: String
    /// The client key pair that `ssh` and `gitSSHCommand` use by default.
    public let clientKey: SSHKey
    private let process: BackgroundProcess

    /// The default client key's public line (to put into authorized_keys or `ssh-keys:add`).
    public var publicKey: String { clientKey.publicKey }

    /// Starts sshd and waits until its port accepts connections.
    ///
    /// - Parameters:
    ///   - authorizedKeysFile: the file sshd reads keys from; a new empty one in `directory` if nil.
    ///   - environment: set in every session with `SetEnv` (e.g. `PAAS_ROOT` for the forced command).
    ///   - extraConfig: more sshd_config lines.
    ///   - allowLocalForwarding: let clients open local forwards (`ssh -L`, unix sockets too).
    public init(
        authorizedKeysFile: String? = nil, environment: [String: String] = [:], extraConfig: [String] = [],
        allowLocalForwarding: Bool = false
    ) throws {
        let directory = try TempDir(prefix: "paas-sshd")
        let keysFile = authorizedKeysFile ?? directory.file("authorized_keys")
        if !FileManager.default.fileExists(atPath: keysFile) {
            guard FileManager.default.createFile(atPath: keysFile, contents: nil, attributes: [.posixPermissions: 0o600])
            else { throw TestSupportError("cannot create the authorized_keys file \(keysFile)") }
        }
        try Run.checked("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", directory.file("host_ed25519")])
        clientKey = try SSHKey.generate(in: directory.path, name: "client_ed25519")
        guard let sshd = Run.which("sshd") else { throw TestSupportError("sshd not found; install openssh-server") }
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)

        var lastError = ""
        // The free port can be taken between the probe and sshd's bind: try a few.
        for _ in 0..<3 {
            let port = try freeLoopbackPort()
            let settings = environment.sorted { $0.key < $1.key }.map { "SetEnv \($0.key)=\"\($0.value)\"" }
            let config =
                [
                    "Port \(port)", "ListenAddress 127.0.0.1", "HostKey \(directory.file("host_ed25519"))",
                    "PidFile \(directory.file("sshd.pid"))", "AuthorizedKeysFile \(keysFile)",
                    "PubkeyAuthentication yes", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                    "UsePAM no", "StrictModes no", "PermitRootLogin prohibit-password", "LogLevel ERROR",
                    "PermitUserEnvironment yes", "AllowTcpForwarding \(allowLocalForwarding ? "local" : "no")", "X11Forwarding no",
                ] + settings + extraConfig
            let configFile = try directory.write("sshd_config", config.joined(separator: "\n") + "\n", mode: 0o600)
            let process = try BackgroundProcess(
                sshd, ["-D", "-e", "-f", configFile], logFile: directory.file("sshd.log"))
            let up = waitUntil(timeout: .seconds(10)) { !process.isRunning || loopbackPortAccepts(port) }
            if up && process.isRunning {
                self.port = port
                self.process = process
                self.directory = directory
                self.authorizedKeysFile = keysFile
                return
            }
            process.stop()
            lastError = process.log.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        throw TestSupportError("test sshd did not start: \(lastError.isEmpty ? "no output" : lastError)")
    }

    deinit { process.stop() }

    /// Stops sshd (safe to call twice).
    public func stop() { process.stop() }

    /// sshd's own log (errors only), for failure messages.
    public var log: String { process.log }

    /// Makes another key pair in this server's directory; it is not authorised until you add it.
    public func makeKey(_ name: String = "other") throws -> SSHKey {
        try SSHKey.generate(in: directory.path, name: name + "_" + TestID("k").value)
    }

    /// Appends `key` (default: the client key) to the authorized_keys file, with a forced
    /// `command` and the usual restrictions when one is given.
    public func authorize(_ key: SSHKey? = nil, command: String? = nil) throws {
        let key = key ?? clientKey
        var line = key.publicKey
        if let command {
            let quoted = command.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            line = "command=\"\(quoted)\",no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty " + line
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: authorizedKeysFile))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line + "\n").utf8))
    }

    /// The `ssh` options that reach this server with `key` (no user config, no known_hosts).
    public func sshOptions(key: SSHKey? = nil) -> [String] {
        [
            "-F", "/dev/null", "-p", String(port), "-i", (key ?? clientKey).privateKeyPath,
            "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
            "-o", "ConnectTimeout=10",
        ]
    }

    /// Runs the real `ssh` client: `ssh OPTIONS user@127.0.0.1 command...`. ssh joins the words
    /// with spaces; a forced command sees them in `$SSH_ORIGINAL_COMMAND`.
    public func ssh(
        _ command: [String], stdin: [UInt8]? = nil, user: String = "root", key: SSHKey? = nil,
        environment: [String: String] = [:], timeout: Duration = .seconds(120)
    ) throws -> ProcessResult {
        try Run.command(
            "ssh", sshOptions(key: key) + ["\(user)@127.0.0.1", "--"] + command, environment: environment,
            stdin: stdin, timeout: timeout)
    }

    /// `GIT_SSH_COMMAND` for the client key: git then reaches this server with `gitRemote(_:)`.
    public var gitSSHCommand: String { gitSSHCommand(key: nil) }

    /// `GIT_SSH_COMMAND` for `key`.
    public func gitSSHCommand(key: SSHKey?) -> String {
        (["ssh"] + sshOptions(key: key)).joined(separator: " ")
    }

    /// A scp-style git remote on this server: `user@127.0.0.1:path` (the port is in `gitSSHCommand`).
    public func gitRemote(_ path: String, user: String = "root") -> String { "\(user)@127.0.0.1:\(path)" }
}
