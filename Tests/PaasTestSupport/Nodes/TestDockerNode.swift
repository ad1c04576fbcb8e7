import DockerEngine
import Foundation
import PaasSupport
import Synchronization

/// One simulated Docker host: a network namespace on the test bridge with a dockerd of its own
/// (its own data root, so it keeps its Swarm identity when its daemon is stopped and started).
public final class TestDockerNode: Sendable {
    /// The node's name: its namespace's name and its daemon's hostname (`<id>-n<k>`).
    public let name: String
    /// The node's number, from 1.
    public let index: Int
    /// Its IPv4 address on the test bridge (`10.250.N.<index+1>`).
    public let address: String
    /// Its network namespace (`/var/run/netns/<name>`), for `nsenter --net=`.
    public let netnsPath: String
    /// Its folder: data root, exec root, socket, log.
    public let folder: String
    /// Its daemon's socket.
    public let socketPath: String
    /// A client for its daemon.
    public let client: DockerClient
    private let daemonArguments: [String]
    private let daemon = Mutex<BackgroundProcess?>(nil)

    init(names: TestNodeNames, index: Int, address: String, extraDaemonArguments: [String]) {
        self.index = index
        self.name = names.node(index)
        self.address = address
        self.netnsPath = names.netnsPath(index)
        self.folder = names.folder(index)
        self.socketPath = folder + "/docker.sock"
        self.client = DockerClient(transport: CurlTransport(socketPath: socketPath, cancellation: nil))
        daemonArguments =
            [
                "--config-file", folder + "/daemon.json", "--data-root", folder + "/data",
                "--exec-root", folder + "/exec", "--pidfile", folder + "/docker.pid", "-H", "unix://" + socketPath,
                "--bridge", "none", "--iptables=false", "--ip-masq=false",
                "--containerd-namespace", names.cgroupParent(index),
                "--containerd-plugins-namespace", names.cgroupParent(index) + "-plugins",
                "--cgroup-parent", names.cgroupParent(index),
            ] + extraDaemonArguments
    }

    /// The daemon's log so far (for failure messages).
    public var daemonLog: String {
        (try? String(contentsOfFile: folder + "/dockerd.log", encoding: .utf8)) ?? ""
    }

    /// The last `lines` lines of the daemon's log.
    public func daemonLogTail(_ lines: Int = 30) -> String {
        daemonLog.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    /// Whether the node's dockerd process is running.
    public var isDaemonRunning: Bool { daemon.withLock { $0?.isRunning ?? false } }

    /// Runs `executable` (a path, or a name on PATH) inside the node's network namespace and
    /// returns its outputs and status (a non-zero exit is not an error here).
    @discardableResult
    public func run(_ executable: String, _ arguments: [String] = [], timeout: Duration = .seconds(60)) throws
        -> ProcessResult
    {
        guard let path = Run.which(executable) else { throw TestSupportError("cannot run \(executable): not on PATH") }
        return try Run.command("nsenter", ["--net=" + netnsPath, "--", path] + arguments, timeout: timeout)
    }

    // MARK: - Daemon

    /// Starts dockerd inside the namespace, with a hostname of its own (a UTS namespace), and
    /// waits until it answers `/_ping`.
    func startDaemon(timeout: Duration = .seconds(60)) throws {
        try daemon.withLock { process in
            guard !(process?.isRunning ?? false) else { return }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: folder + "/daemon.json") {
                try Data("{}\n".utf8).write(to: URL(fileURLWithPath: folder + "/daemon.json"))
            }
            guard let unshare = Run.which("unshare"), let nsenter = Run.which("nsenter"),
                let dockerd = Run.which("dockerd"), let hostname = Run.which("hostname")
            else { throw TestSupportError("nodes need unshare, nsenter, hostname and dockerd on PATH") }
            // The words reach sh as positional parameters, never as script text.
            let script = #"h=$1; n=$2; shift 2; "$0" "$h" && exec "$n" "$@""#
            process = try BackgroundProcess(
                unshare,
                ["--uts", "/bin/sh", "-c", script, hostname, name, nsenter, "--net=" + netnsPath, "--", dockerd]
                    + daemonArguments,
                logFile: folder + "/dockerd.log")
        }
        let answered = waitUntil(timeout: timeout, every: .milliseconds(100)) {
            guard isDaemonRunning else { return true }
            return (try? client.ping()) != nil
        }
        guard answered, isDaemonRunning else {
            let why = isDaemonRunning ? "did not answer /_ping within \(timeout)" : "exited"
            throw TestSupportError("dockerd of node \(name) \(why); its log ends:\n\(daemonLogTail())")
        }
    }

    /// Stops dockerd: SIGTERM (it stops its containers), SIGKILL after `grace`.
    func stopDaemon(grace: Duration = .seconds(20)) {
        let process = daemon.withLock { process in
            defer { process = nil }
            return process
        }
        process?.stop(grace: grace)
    }

    /// Asks the daemon to leave any swarm it is in (force: a manager leaves too); a daemon in no
    /// swarm (503) or not running is fine.
    func leaveSwarm() {
        guard isDaemonRunning else { return }
        let request = EngineRequest(
            method: "POST", path: "/swarm/leave", apiVersion: client.apiVersion, query: [("force", "1")])
        _ = try? client.transport.perform(request, onChunk: nil)
    }
}
