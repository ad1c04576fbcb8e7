import DockerEngine
import Foundation
import PaasSupport

/// Watches services converge after a change: reports each task of the deploy as its state
/// changes, keeps the proxy on the serving web tasks, and fails on a paused or rolled-back
/// update, on tasks of the deploy failing again and again, on the timeout, or on an interrupt.
struct SwarmConvergence {
    let platform: Platform
    let app: String
    /// The deploy id of the new tasks (their `paas.deploy` label); nil: any. Not the release:
    /// a restart or a retried deploy keeps the release number, and its earlier tasks (running,
    /// or failed in Swarm's task history) must not count as new ones.
    let deploy: String?
    let nodes: [SwarmNode]
    /// Failed tasks seen before the change (Swarm keeps some in its history): not counted.
    var ignoring: Set<String> = []
    /// Containers of this host still serving the app (it is moving to the swarm): the proxy
    /// keeps them beside the tasks until the rollout is done.
    var also: [Upstream] = []

    /// Failed tasks of the new deploy after which the deploy gives up.
    static let failureLimit = 3

    /// Waits until every change converged. With `updating`, a change to an existing service
    /// counts as done when Swarm says its update completed.
    /// Returns the upstreams the proxy was last pointed at (nil: no web change).
    @discardableResult
    func wait(for changes: [SwarmRollout.Change], timeout: Duration) throws -> [Upstream]? {
        let deadline = ContinuousClock.now + timeout
        var reported: [String: String] = [:]
        var upstreams: [Upstream]?
        let router = SwarmRouter(platform: platform)
        let names = nodeNames()
        while true {
            try Cancellation.shared.check()
            var pending: [String] = []
            for change in changes {
                guard let service = try platform.docker.inspectService(change.serviceID) else {
                    throw ClusterError.converge(app: app, process: change.process, why: "its service disappeared")
                }
                let tasks = try platform.docker.listTasks(service: change.serviceID)
                let mine = tasks.filter { deploy == nil || $0.labels[Labels.deploy] == deploy }
                report(mine, process: change.process, names: names, reported: &reported)
                let failed = mine.filter { ["failed", "rejected"].contains($0.state) && !ignoring.contains($0.id) }
                if failed.count >= Self.failureLimit {
                    throw ClusterError.converge(app: app, process: change.process, why: Self.why(failed))
                }
                switch service.updateState {
                case "paused", "rollback_started", "rollback_paused", "rollback_completed":
                    let message = service.updateMessage ?? "update \(service.updateState ?? "")"
                    throw ClusterError.converge(
                        app: app, process: change.process, why: failed.isEmpty ? message : message + " (" + Self.why(failed) + ")")
                case "updating":
                    pending.append(change.process)
                    continue
                default: break
                }
                let serving = tasks.filter(\.isServing)
                let newServing = serving.filter { deploy == nil || $0.labels[Labels.deploy] == deploy }
                let stale = tasks.filter { $0.desiredState == "running" && !serving.contains($0) }
                if newServing.count != change.replicas || serving.count != change.replicas || !stale.isEmpty {
                    pending.append(change.process)
                }
            }
            if changes.contains(where: { $0.process == "web" }) {
                upstreams = try router.follow(app: app, current: upstreams, nodes: try platform.docker.listNodes(), also: also)
            }
            if pending.isEmpty { return upstreams }
            if ContinuousClock.now > deadline {
                throw ClusterError.converge(
                    app: app, process: pending.joined(separator: ", "),
                    why: "not every task was running and healthy after \(timeout.components.seconds) s")
            }
            usleep(150_000)
        }
    }

    /// Waits (at most `timeout`) for rolled-back services to finish, the proxy following;
    /// failures here are warnings.
    func waitForRollback(_ changes: [SwarmRollout.Change], timeout: Duration) {
        let deadline = ContinuousClock.now + timeout
        let docker = platform.cleanupDocker
        var upstreams: [Upstream]?
        let router = SwarmRouter(platform: platform)
        while ContinuousClock.now < deadline {
            let states = changes.map { (try? docker.inspectService($0.serviceID))?.updateState ?? "rollback_completed" }
            upstreams = try? router.follow(app: app, current: upstreams, also: also)
            if states.allSatisfy({ $0 == "rollback_completed" || $0 == "completed" }) { return }
            usleep(200_000)
        }
        platform.log.line(" !     the rollback has not finished after \(timeout.components.seconds) s; ps:report \(app) shows the tasks")
    }

    /// Prints a line for each task of the deploy whose state changed since the last look.
    private func report(_ tasks: [SwarmTask], process: String, names: [String: String], reported: inout [String: String]) {
        for task in tasks.sorted(by: { $0.slot < $1.slot }) {
            let key = task.state + (task.publishedPorts.first.map { ":\($0)" } ?? "")
            guard reported[task.id] != key else { continue }
            reported[task.id] = key
            let node = names[task.nodeID] ?? (task.nodeID.isEmpty ? "no node yet" : String(task.nodeID.prefix(12)))
            var line = "\(process).\(task.slot) on \(node): \(task.state)"
            if let port = task.publishedPorts.first, let address = nodes.first(where: { $0.id == task.nodeID })?.address {
                line += " (\(address):\(port))"
            }
            if let error = task.error, !error.isEmpty { line += " — \(error)" }
            platform.detail(line)
        }
    }

    private func nodeNames() -> [String: String] {
        Dictionary(nodes.map { ($0.id, $0.spec.labels[SwarmNames.nodeLabel] ?? $0.spec.name ?? $0.hostname) }) { a, _ in a }
    }

    /// The last failures' words, for the user.
    static func why(_ failed: [SwarmTask]) -> String {
        let last = failed.sorted { $0.timestamp < $1.timestamp }.last
        let text = [last?.error, last?.exitCode.map { "exit code \($0)" }].compactMap { $0 }.joined(separator: ", ")
        return "\(failed.count) task(s) failed" + (text.isEmpty ? "" : ": " + text)
    }
}
