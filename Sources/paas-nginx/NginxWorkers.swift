import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The nginx master (from its pid file) and its worker processes (from /proc).
struct NginxWorkers {
    let master: pid_t
    let workers: Set<pid_t>

    /// The running master's workers; nil when there is no pid file or it names no number.
    static func current(pidFile: String?) -> NginxWorkers? {
        guard let pidFile, let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
            let master = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return nil }
        var workers: Set<pid_t> = []
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // After "(comm)": state, then the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == master { workers.insert(pid) }
        }
        return NginxWorkers(master: master, workers: workers)
    }

    /// Waits, at most `limit`, until a reload that started when `before` was read is in force and
    /// drained: new workers run and none of `before`'s remain (an old worker may still be
    /// finishing requests to old upstreams).
    static func waitForReload(after before: NginxWorkers?, pidFile: String?, limit: Duration = .seconds(10)) {
        guard let before, !before.workers.isEmpty else { return }
        let deadline = ContinuousClock.now + limit
        var delayMs = 2
        while ContinuousClock.now < deadline {
            guard let now = current(pidFile: pidFile) else { return }
            if !now.workers.subtracting(before.workers).isEmpty && now.workers.isDisjoint(with: before.workers) {
                return
            }
            usleep(useconds_t(delayMs * 1000))
            delayMs = min(delayMs * 2, 10)
        }
    }
}
