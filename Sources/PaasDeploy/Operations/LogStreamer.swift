import DockerEngine
import Foundation
import PaasSupport

/// Shows an app's container output, each line prefixed with `app[process.number]:`, the
/// recent lines merged in time order, and with `follow` new lines as they come — including
/// from containers that start later (a deploy while you watch) — until the caller leaves.
public struct LogStreamer {
    let platform: Platform
    let out: Terminal

    public init(platform: Platform, out: Terminal = .out) {
        self.platform = platform
        self.out = out
    }

    public func show(app: String, process: String?, tail: Int, follow: Bool) throws {
        if try SchedulerChoice.isSwarm(app: app, store: try platform.store) {
            return try showServices(app: app, process: process, tail: tail, follow: follow)
        }
        var seen: Set<String> = []
        let initial = try containers(app: app, process: process)
        var lines: [(stamp: String, text: String)] = []
        for c in initial {
            seen.insert(c.id)
            let prefix = self.prefix(app: app, c)
            try platform.docker.containerLogs(c.id, follow: false, tail: tail, timestamps: true) { _, bytes in
                for raw in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                    let (stamp, text) = Self.splitStamp(raw)
                    lines.append((stamp, prefix + text))
                }
            }
        }
        for line in lines.sorted(by: { $0.stamp < $1.stamp }) { out.line(line.text) }
        guard follow else { return }
        let group = DispatchGroup()
        func attach(_ c: ContainerSummary, since: Bool) {
            let prefix = self.prefix(app: app, c)
            let docker = platform.docker
            let out = self.out
            DispatchQueue.global().async(group: group) {
                var pending = ""
                try? docker.containerLogs(c.id, follow: true, tail: since ? 0 : nil, timestamps: false) { _, bytes in
                    pending += String(decoding: bytes, as: UTF8.self)
                    while let nl = pending.firstIndex(of: "\n") {
                        out.line(prefix + pending[..<nl])
                        pending = String(pending[pending.index(after: nl)...])
                    }
                    if pending.utf8.count > OutputLines.maxLine {
                        out.line(prefix + pending)
                        pending = ""
                    }
                }
            }
        }
        for c in initial { attach(c, since: true) }
        while !Cancellation.shared.isCancelled {
            usleep(500_000)
            for c in (try? containers(app: app, process: process)) ?? [] where !seen.contains(c.id) {
                seen.insert(c.id)
                attach(c, since: false)
            }
        }
        _ = group.wait(timeout: .now() + 2)
    }

    /// A swarm app's output: every task of each of its services (`app[web]:` prefixes).
    private func showServices(app: String, process: String?, tail: Int, follow: Bool) throws {
        let services = try SwarmRollout(platform: platform, checks: CheckSettings()).services(app: app)
            .filter { process == nil || $0.spec.labels?[Labels.process] == process }
            .sorted { $0.spec.name < $1.spec.name }
        var lines: [(stamp: String, text: String)] = []
        for service in services {
            let prefix = "\(app)[\(service.spec.labels?[Labels.process] ?? "?")]: "
            try platform.docker.serviceLogs(service.id, follow: false, tail: tail, timestamps: true) { _, bytes in
                for raw in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                    let (stamp, text) = Self.splitStamp(raw)
                    lines.append((stamp, prefix + text))
                }
            }
        }
        for line in lines.sorted(by: { $0.stamp < $1.stamp }) { out.line(line.text) }
        guard follow else { return }
        let group = DispatchGroup()
        for service in services {
            let prefix = "\(app)[\(service.spec.labels?[Labels.process] ?? "?")]: "
            let docker = platform.docker
            let out = self.out
            DispatchQueue.global().async(group: group) {
                var pending = ""
                try? docker.serviceLogs(service.id, follow: true, tail: 0) { _, bytes in
                    pending += String(decoding: bytes, as: UTF8.self)
                    while let nl = pending.firstIndex(of: "\n") {
                        out.line(prefix + pending[..<nl])
                        pending = String(pending[pending.index(after: nl)...])
                    }
                }
            }
        }
        while !Cancellation.shared.isCancelled { usleep(300_000) }
        _ = group.wait(timeout: .now() + 2)
    }

    private func containers(app: String, process: String?) throws -> [ContainerSummary] {
        try platform.docker.listContainers(all: true, labels: [Labels.app: app]).filter { c in
            let role = c.labels[Labels.role]
            guard role == Labels.Role.app.rawValue || role == Labels.Role.run.rawValue else { return false }
            return process == nil || c.labels[Labels.process] == process
        }
    }

    private func prefix(app: String, _ c: ContainerSummary) -> String {
        let process = c.labels[Labels.process] ?? c.labels[Labels.role] ?? "?"
        return "\(app)[\(process).\(c.labels[Labels.number] ?? "1")]: "
    }

    static func splitStamp(_ raw: Substring) -> (String, String) {
        guard let space = raw.firstIndex(of: " ") else { return ("", String(raw)) }
        return (String(raw[..<space]), String(raw[raw.index(after: space)...]))
    }
}
