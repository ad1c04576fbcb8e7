import DockerEngine
import Foundation
import PaasStore
import PaasSupport

/// Puts a release on the swarm: each process type is a service whose replicas are the
/// formation. The image goes to the registry and services name it by digest; Swarm replaces
/// tasks start-first, each gated by its health check, and rolls back on failure. The push
/// waits until every service has converged, reports each task, and the proxy follows the
/// serving tasks all along. Any failure or interrupt rolls every service back (or removes the
/// ones this deploy created), so the previous release keeps serving.
public struct SwarmRollout {
    let platform: Platform
    let checks: CheckSettings
    let timer: PhaseTimer?

    public init(platform: Platform, checks: CheckSettings, timer: PhaseTimer? = nil) {
        self.platform = platform
        self.checks = checks
        self.timer = timer
    }

    /// What was changed for one process type, so it can be undone.
    struct Change {
        var process: String
        var serviceID: String
        var created: Bool
        var replicas: Int
    }

    // MARK: - Rolling out

    /// Rolls `spec` out; `commit` runs once every service converged (it records the release).
    public func run(_ spec: ReleaseSpec, domains: [String], commit: () throws -> Void) throws {
        let store = try platform.store
        let nodes = try preflight(app: spec.app, processes: spec.formation.filter { $0.value > 0 }.map(\.key))
        timer?.begin(.start)
        let registry = try SwarmRegistry.current(platform: platform)
        try registry.requireAnswering()
        platform.step("Pushing \(spec.image) to the registry at \(registry.endpoint)")
        let image = try registry.publish(image: spec.image, app: spec.app, version: spec.version)
        platform.detail("Image \(image)")
        try platform.docker.createNetwork(
            name: SwarmNames.network(app: spec.app), labels: platform.labels(app: spec.app, role: .app), driver: "overlay",
            attachable: true)
        let builder = SwarmServiceBuilder(platform: platform, checks: checks)
        let local = Upstreams.of(try localContainers(app: spec.app, all: false))
        var changes: [Change] = []
        do {
            platform.step("Updating services for v\(spec.version): \(describe(spec.formation))")
            for (process, quantity) in spec.orderedProcesses {
                try Cancellation.shared.check()
                let name = SwarmNames.service(app: spec.app, process: process)
                let existing = try platform.docker.inspectService(name)
                if existing == nil && quantity == 0 { continue }
                let placement = SchedulerChoice.constraints(
                    try SchedulerChoice.placement(app: spec.app, process: process, store: store))
                let service = try builder.build(spec, process: process, image: image, replicas: quantity, placement: placement)
                if let existing {
                    try platform.docker.updateService(existing.id, version: existing.version, spec: service, registryAuth: registry.auth)
                    changes.append(Change(process: process, serviceID: existing.id, created: false, replicas: quantity))
                } else {
                    let id = try platform.docker.createService(service, registryAuth: registry.auth)
                    changes.append(Change(process: process, serviceID: id, created: true, replicas: quantity))
                }
            }
            timer?.end(.start)
            timer?.begin(.checks)
            var convergence = SwarmConvergence(platform: platform, app: spec.app, deploy: spec.deployID, nodes: nodes)
            convergence.also = local
            let routed = try convergence.wait(for: changes, timeout: convergeTimeout(spec.formation))
            timer?.end(.checks)
            timer?.begin(.switchTraffic)
            // The tasks alone now: this host's containers (an app that just moved) leave the proxy.
            try SwarmRouter(platform: platform).follow(app: spec.app, current: routed)
            try commit()
            timer?.end(.switchTraffic)
        } catch {
            platform.step("Deploy failed: \(error); rolling the services back, the previous version keeps serving")
            undo(changes, app: spec.app, also: local)
            throw error
        }
        try removeLeftovers(app: spec.app, formation: spec.formation)
        platform.detail("v\(spec.version) is live on the swarm")
    }

    /// Changes only how many tasks each process type of the live release `spec` runs
    /// (`ps:scale`): a type with no service yet gets one.
    public func scale(_ spec: ReleaseSpec) throws {
        let store = try platform.store
        _ = try preflight(app: spec.app, processes: spec.formation.filter { $0.value > 0 }.map(\.key))
        var changes: [Change] = []
        var ignoring: Set<String> = []
        var image: String?
        let builder = SwarmServiceBuilder(platform: platform, checks: checks)
        for (process, quantity) in spec.orderedProcesses {
            let name = SwarmNames.service(app: spec.app, process: process)
            guard let service = try platform.docker.inspectService(name) else {
                guard quantity > 0 else { continue }
                let registry = try SwarmRegistry.current(platform: platform)
                if image == nil {
                    try registry.requireAnswering()
                    image = try registry.publish(image: spec.image, app: spec.app, version: spec.version)
                }
                let placement = SchedulerChoice.constraints(try SchedulerChoice.placement(app: spec.app, process: process, store: store))
                let created = try builder.build(spec, process: process, image: image!, replicas: quantity, placement: placement)
                platform.step("Starting \(process)=\(quantity)")
                let id = try platform.docker.createService(created, registryAuth: registry.auth)
                changes.append(Change(process: process, serviceID: id, created: true, replicas: quantity))
                continue
            }
            guard service.spec.mode.replicas != quantity else { continue }
            ignoring.formUnion(try platform.docker.listTasks(service: service.id).filter { ["failed", "rejected"].contains($0.state) }.map(\.id))
            platform.step("Scaling \(process) from \(service.spec.mode.replicas) to \(quantity)")
            try platform.docker.scaleService(service.id, replicas: quantity)
            changes.append(Change(process: process, serviceID: service.id, created: false, replicas: quantity))
        }
        guard !changes.isEmpty else { return }
        do {
            var convergence = SwarmConvergence(platform: platform, app: spec.app, deploy: nil, nodes: try platform.docker.listNodes())
            convergence.ignoring = ignoring
            try convergence.wait(for: changes, timeout: convergeTimeout(spec.formation))
        } catch {
            for change in changes where change.created { try? platform.cleanupDocker.removeService(change.serviceID) }
            throw error
        }
        try SwarmRouter(platform: platform).follow(app: spec.app, current: nil)
    }

    /// Stops every task of `app` (`ps:stop`): the proxy answers 503 first.
    public func stop(app: String) throws {
        try platform.proxy.update(app: app, domains: try Domains.all(app: app, platform: platform), upstreams: [])
        for service in try services(app: app) where service.spec.mode.replicas > 0 {
            try platform.docker.scaleService(service.id, replicas: 0)
        }
    }

    /// Removes every service and the overlay network of `app` (`apps:destroy`, moving back to
    /// docker-local).
    public func removeAll(app: String) {
        for service in (try? services(app: app)) ?? [] {
            do {
                try platform.cleanupDocker.removeService(service.id)
            } catch {
                platform.log.line(" !     could not remove service \(service.spec.name): \(error)")
            }
        }
        try? platform.cleanupDocker.removeNetwork(SwarmNames.network(app: app))
    }

    /// The services of `app`.
    public func services(app: String) throws -> [SwarmService] {
        var labels = platform.settings.labels
        labels[Labels.app] = app
        return try platform.cleanupDocker.listServices(labels: labels)
    }

    // MARK: - Checks before anything changes

    /// Refuses, before anything changes, what can't work: no swarm, storage mounts (folders of
    /// this host), a process type whose placement matches no active, ready node. Returns the nodes.
    @discardableResult
    func preflight(app: String, processes: [String]) throws -> [SwarmNode] {
        _ = try Cluster(platform: platform).requireManager()
        let store = try platform.store
        if !(try Storage(root: platform.root).binds(app: app, store: store)).isEmpty {
            throw ClusterError.storageMounts(app: app)
        }
        let nodes = try platform.docker.listNodes()
        let usable = nodes.filter { $0.state == "ready" && $0.spec.availability == "active" }
        for process in processes.sorted() {
            let wanted = try SchedulerChoice.placement(app: app, process: process, store: store)
            let matches = usable.contains { node in wanted.allSatisfy { node.spec.labels[$0.key] == $0.value } }
            if !matches {
                throw ClusterError.noPlacement(app: app, process: process, constraints: SchedulerChoice.constraints(wanted))
            }
        }
        return nodes
    }

    // MARK: - Undo and tidy

    /// Rolls updated services back and removes created ones, then points the proxy at what serves.
    func undo(_ changes: [Change], app: String, also: [Upstream] = []) {
        let docker = platform.cleanupDocker
        for change in changes.reversed() {
            do {
                if change.created {
                    try docker.removeService(change.serviceID)
                } else if let service = try docker.inspectService(change.serviceID),
                    !(service.updateState ?? "").hasPrefix("rollback")
                {
                    try docker.rollbackService(service.id)
                }
            } catch {
                platform.log.line(" !     could not roll back \(change.process): \(error)")
            }
        }
        let rolledBack = changes.filter { !$0.created }
        if !rolledBack.isEmpty {
            var convergence = SwarmConvergence(platform: platform, app: app, deploy: nil, nodes: (try? docker.listNodes()) ?? [])
            convergence.also = also
            convergence.waitForRollback(rolledBack, timeout: .seconds(90))
        }
        do {
            try SwarmRouter(platform: platform).follow(app: app, current: nil, also: also)
        } catch {
            platform.log.line(" !     could not point the proxy at the serving tasks: \(error)")
        }
    }

    /// After a successful rollout: removes services of process types no longer in the
    /// formation, and the app's local containers when it just moved to the swarm.
    func removeLeftovers(app: String, formation: [String: Int]) throws {
        for service in try services(app: app) {
            let process = service.spec.labels?[Labels.process] ?? ""
            if formation[process] == nil {
                platform.detail("Removing service \(service.spec.name) (no longer in the Procfile)")
                try? platform.cleanupDocker.removeService(service.id)
            }
        }
        let local = try localContainers(app: app, all: true)
        if !local.isEmpty {
            Rollout(platform: platform, checks: checks).retire(local)
            platform.detail("Stopped and removed \(local.count) container(s) of this host (the app runs on the swarm now)")
        }
    }

    /// The app containers of `app` that this host runs itself (an app that is moving to the
    /// swarm still has them), not the swarm's tasks this host runs as a node: those are Swarm's
    /// to stop, and the proxy reaches them at their node's address.
    func localContainers(app: String, all: Bool) throws -> [ContainerSummary] {
        try platform.docker.listContainers(all: all, labels: [Labels.app: app, Labels.role: Labels.Role.app.rawValue])
            .filter { !$0.isSwarmTask }
    }

    /// How long a rollout may take to converge: a minute, plus 30 s per task.
    func convergeTimeout(_ formation: [String: Int]) -> Duration {
        .seconds(60 + 30 * formation.values.reduce(0, +))
    }

    private func describe(_ formation: [String: Int]) -> String {
        let parts = formation.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return parts.isEmpty ? "no processes" : parts.joined(separator: " ")
    }
}
