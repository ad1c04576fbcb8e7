import DockerEngine
import Foundation
import PaasSupport

/// Where a node's Docker Engine API is: a local unix socket (`unix:///PATH`), or a server's
/// socket reached through an OpenSSH forward of a unix socket (`ssh://root@HOST[:PORT]`).
public enum EngineEndpoint: Sendable, Equatable, CustomStringConvertible {
    case unix(path: String)
    case ssh(user: String, host: String, port: Int)

    /// The endpoint `text` names; throws `ClusterError.badEngine` for anything else.
    public static func parse(_ text: String) throws -> EngineEndpoint {
        let bad = ClusterError.badEngine(text)
        if text.hasPrefix("unix://") {
            let path = String(text.dropFirst(7))
            guard path.hasPrefix("/"), path.count < 200, !path.contains("\0"), !path.contains("/../") else { throw bad }
            return .unix(path: path)
        }
        guard text.hasPrefix("ssh://") else { throw bad }
        let rest = text.dropFirst(6)
        let parts = rest.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw bad }
        let user = String(parts[0])
        var host = String(parts[1])
        var port = 22
        if let colon = host.lastIndex(of: ":") {
            guard let p = Int(host[host.index(after: colon)...]), (1...65535).contains(p) else { throw bad }
            port = p
            host = String(host[..<colon])
        }
        let userOK = user.range(of: #"^[a-z_][a-z0-9_-]{0,31}\z"#, options: .regularExpression) != nil
        // A host name or an IPv4 address; never starting with '-', so ssh can't read it as an option.
        let hostOK = host.range(of: #"^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})\z"#, options: .regularExpression) != nil
        guard userOK, hostOK else { throw bad }
        return .ssh(user: user, host: host, port: port)
    }

    public var description: String {
        switch self {
        case .unix(let path): return "unix://" + path
        case .ssh(let user, let host, let port): return "ssh://\(user)@\(host)" + (port == 22 ? "" : ":\(port)")
        }
    }

    /// The host an ssh endpoint names (the node's address unless told otherwise).
    public var sshHost: String? {
        if case .ssh(_, let host, _) = self { return host }
        return nil
    }

    /// Opens a connection to the Engine: the socket itself, or an ssh forward to it that lives
    /// until the connection is closed. `forwards` is the folder the forwarded sockets go in.
    public func connect(forwards: String, ssh: SSHIdentity? = nil) throws -> EngineConnection {
        switch self {
        case .unix(let path):
            return EngineConnection(docker: Self.client(path), forward: nil)
        case .ssh(let user, let host, let port):
            try FileManager.default.createDirectory(atPath: forwards, withIntermediateDirectories: true)
            let socket = forwards + "/\(host)-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/ssh")
            process.arguments = Self.sshOptions(port: port, identity: ssh) + [
                "-nNT", "-o", "ExitOnForwardFailure=yes", "-o", "StreamLocalBindUnlink=yes",
                "-L", socket + ":/var/run/docker.sock", "\(user)@\(host)",
            ]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(15)
            while !FileManager.default.fileExists(atPath: socket) {
                if !process.isRunning || Date() > deadline {
                    if process.isRunning { process.terminate() }
                    process.waitUntilExit()
                    let said = String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
                        .split(separator: "\n").last.map(String.init) ?? "no answer in 15 s"
                    throw ClusterError.unreachable(description, said + (ssh.map { $0.hint(user: user, host: host) } ?? ""))
                }
                usleep(20_000)
            }
            return EngineConnection(docker: Self.client(socket), forward: (process, socket))
        }
    }

    /// The ssh options every call to a node uses: no password prompt, a host key learnt on
    /// first use and checked afterwards, a bounded wait.
    static func sshOptions(port: Int, identity: SSHIdentity?) -> [String] {
        var options = [
            "-p", String(port), "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=accept-new",
            "-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=5",
        ]
        if let identity {
            options += ["-i", identity.key, "-o", "IdentitiesOnly=yes", "-o", "UserKnownHostsFile=" + identity.knownHosts]
        }
        return options
    }

    private static func client(_ socket: String) -> DockerClient {
        DockerClient(transport: CurlTransport(socketPath: socket, cancellation: nil))
    }
}

/// An open way to a node's Engine; `close()` ends the ssh forward, if any.
public final class EngineConnection: @unchecked Sendable {
    // @unchecked: `forward` is set once and only read afterwards.
    public let docker: DockerClient
    private let forward: (process: Process, socket: String)?

    init(docker: DockerClient, forward: (Process, String)?) {
        self.docker = docker
        self.forward = forward
    }

    /// Ends the forward (if any) and removes its socket.
    public func close() {
        guard let forward else { return }
        if forward.process.isRunning { forward.process.terminate() }
        forward.process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: forward.socket)
    }

    deinit { close() }
}

/// The key paas logs in to nodes with (`STATE/.ssh/id_ed25519`, made on first use) and the
/// host keys it learnt (`STATE/.ssh/known_hosts`).
public struct SSHIdentity: Sendable {
    public let key: String
    public let knownHosts: String

    /// The identity of the state root `root`, making the key if there is none.
    public static func of(root: StateRoot, runner: any ProcessRunner) throws -> SSHIdentity {
        let folder = root.path + "/.ssh"
        let identity = SSHIdentity(key: folder + "/id_ed25519", knownHosts: folder + "/known_hosts")
        if !FileManager.default.fileExists(atPath: identity.key) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let made = try runner.run(
                ProcessSpec(
                    executable: "/usr/bin/ssh-keygen",
                    arguments: ["-q", "-t", "ed25519", "-N", "", "-C", "paas nodes", "-f", identity.key], timeout: .seconds(30)))
            guard made.succeeded else { throw ClusterError.unreachable("ssh", "could not make paas's ssh key: \(made.stderrText)") }
        }
        return identity
    }

    /// Its public key line.
    public var publicKey: String {
        ((try? String(contentsOfFile: key + ".pub", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What to do when the node refused the key.
    func hint(user: String, host: String) -> String {
        " (paas logs in with \(key): add \(key).pub to ~\(user)/.ssh/authorized_keys on \(host))"
    }
}
