import DockerEngine

/// A swarm app's tasks as `ps:report` shows them: which node runs each, where it serves.
public struct SwarmTasksReport {
    let platform: Platform

    public init(platform: Platform) { self.platform = platform }

    /// One task Swarm wants running.
    public struct Row: Sendable {
        public var process: String
        public var slot: Int
        public var state: String
        public var release: String
        /// "on NODE (ADDR:PORT)".
        public var `where`: String
        public var task: String
    }

    /// The tasks of every service of `app` that Swarm wants running, by process and slot.
    public func rows(app: String) throws -> [Row] {
        let services = try SwarmRollout(platform: platform, checks: CheckSettings()).services(app: app)
        guard !services.isEmpty else { return [] }
        let nodes = try platform.docker.listNodes()
        var rows: [Row] = []
        for service in services {
            let process = service.spec.labels?[Labels.process] ?? "?"
            for task in try platform.docker.listTasks(service: service.id, desiredState: "running") {
                let node = nodes.first { $0.id == task.nodeID }
                let name = node.map { $0.spec.labels[SwarmNames.nodeLabel] ?? $0.hostname } ?? "unplaced"
                let port = task.publishedPorts.first.map { " (\(node?.address ?? "?"):\($0))" } ?? ""
                rows.append(
                    Row(
                        process: process, slot: task.slot, state: task.state, release: task.labels[Labels.release] ?? "-",
                        where: "on \(name)\(port)", task: String(task.id.prefix(12))))
            }
        }
        return rows.sorted { ($0.process, $0.slot) < ($1.process, $1.slot) }
    }
}
