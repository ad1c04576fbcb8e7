import Foundation
import PaasSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Drives nginx: one server block per app in the state root's proxy directory (which the host's
/// nginx includes), checked with `nginx -t` and reloaded gracefully.
public struct NginxProxy: Proxy {
    let directory: String
    let settings: NginxSettings
    let runner: ProcessRunner

    public init(directory: String, settings: NginxSettings, runner: ProcessRunner) {
        self.directory = directory
        self.settings = settings
        self.runner = runner
    }

    public func update(app: String, domains: [String], upstreams: [Upstream]) throws {
        let path = file(for: app)
        let previous = FileManager.default.contents(atPath: path)
        let text = NginxConfig.serverBlock(app: app, listen: settings.listen, domains: domains, upstreams: upstreams)
        if previous == Data(text.utf8) { return }
        try AtomicFile.write(text, to: path, mode: 0o644)
        do {
            try run(settings.test, what: "nginx -t")
        } catch {
            if let previous { try? AtomicFile.write(previous, to: path, mode: 0o644) } else { unlink(path) }
            throw error
        }
        try reloadAndDrain()
    }

    public func remove(app: String) throws {
        let path = file(for: app)
        guard FileManager.default.fileExists(atPath: path) else { return }
        unlink(path)
        try reloadAndDrain()
    }

    private func file(for app: String) -> String { directory + "/" + app + ".conf" }

    /// Reloads, then waits (bounded) until the workers that ran the old configuration are gone,
    /// so no request can reach an old upstream once this returns.
    private func reloadAndDrain() throws {
        let before = NginxWorkers.current(pidFile: settings.pidFile)
        try run(settings.reload, what: "nginx -s reload")
        guard let before, !before.workers.isEmpty else { return }
        let deadline = ContinuousClock.now + .seconds(10)
        var delay = 2
        while ContinuousClock.now < deadline {
            guard let now = NginxWorkers.current(pidFile: settings.pidFile) else { return }
            // In force once new workers run; drained once the old ones, which may still be
            // finishing requests to old upstreams, have exited.
            if !now.workers.subtracting(before.workers).isEmpty && now.workers.isDisjoint(with: before.workers) {
                return
            }
            usleep(useconds_t(delay * 1000))
            delay = min(delay * 2, 50)
        }
    }

    private func run(_ command: [String], what: String) throws {
        guard let first = command.first else { return }
        let argv = settings.sudo ? ["/usr/bin/sudo", "-n"] + command : command
        let result = try runner.run(
            ProcessSpec(
                executable: settings.sudo ? argv[0] : first, arguments: Array(argv.dropFirst()),
                stdout: .capture(limit: 64 * 1024), stderr: .capture(limit: 64 * 1024), timeout: .seconds(30)))
        guard result.succeeded else {
            let detail = (result.stderrText + result.stdoutText).split(separator: "\n").last.map(String.init) ?? ""
            throw ProxyError.nginx(what: what, detail: detail)
        }
    }
}

/// The proxy could not be changed.
public enum ProxyError: Error, CustomStringConvertible {
    case nginx(what: String, detail: String)

    public var description: String {
        switch self {
        case .nginx(let what, let detail): return "\(what) failed: \(detail)"
        }
    }
}

/// The nginx master and its worker processes, read from /proc.
struct NginxWorkers {
    let master: pid_t
    let workers: Set<pid_t>

    static func current(pidFile: String?) -> NginxWorkers? {
        guard let pidFile, let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
            let master = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return nil }
        var workers: Set<pid_t> = []
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == master { workers.insert(pid) }
        }
        return NginxWorkers(master: master, workers: workers)
    }
}
