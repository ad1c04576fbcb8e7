import DockerEngine
import Foundation
import PaasSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Makes Docker and the proxy match the state: removes every container of an app that no live
/// release owns (left by an interrupted or killed deploy) and points the proxy at the web
/// containers that really run. Runs at the start of every deploy (under the app's lock) and on
/// `ps:reconcile`.
public struct Reconciler {
    let platform: Platform

    public init(platform: Platform) { self.platform = platform }

    /// Reconciles `app`; the caller holds its lock. Returns the names of removed containers.
    @discardableResult
    public func reconcile(app: String) throws -> [String] {
        let store = try platform.store
        let live = try store.liveRelease(app)
        let docker = platform.cleanupDocker
        // A swarm task on this host (a node of the swarm) is Swarm's: neither an orphan nor a
        // container of this host to route.
        let containers = try docker.listContainers(all: true, labels: [Labels.app: app]).filter { !$0.isSwarmTask }
        var orphans: [ContainerSummary] = []
        var liveContainers: [ContainerSummary] = []
        for c in containers {
            switch Labels.Role(rawValue: c.labels[Labels.role] ?? "") {
            case .app:
                if let live, c.labels[Labels.deploy] == live.deployID {
                    liveContainers.append(c)
                } else {
                    orphans.append(c)
                }
            case .task, .builder:
                orphans.append(c)
            case .run:
                let owner = c.labels[Labels.owner].flatMap { pid_t($0) }
                if c.state != "running" || owner.map({ kill($0, 0) != 0 && errno == ESRCH }) == true {
                    orphans.append(c)
                }
            case nil:
                continue
            }
        }
        if live != nil {
            if try SchedulerChoice.isSwarm(app: app, store: store), try Cluster(platform: platform).managerAddress() != nil {
                // A swarm app serves from its tasks (and from this host's containers while it moves).
                try SwarmRouter(platform: platform).follow(app: app, current: nil, also: Upstreams.of(liveContainers))
            } else {
                try platform.proxy.update(
                    app: app, domains: try Domains.all(app: app, platform: platform), upstreams: Upstreams.of(liveContainers))
            }
        }
        for c in orphans {
            try docker.removeContainer(c.id, force: true)
        }
        let names = orphans.map { $0.names.first.map { String($0.drop { $0 == "/" }) } ?? String($0.id.prefix(12)) }
        if !names.isEmpty { platform.detail("Removed \(names.count) leftover container(s): \(names.joined(separator: ", "))") }
        return names
    }
}
