import DockerEngine
import Foundation
import PaasStore
import PaasSupport

/// Changes how many instances of each process type run, without touching the others: new
/// instances start and pass their checks before the proxy sees them; removed ones leave the
/// proxy before they stop.
public struct Scaler {
    let platform: Platform

    public init(platform: Platform) { self.platform = platform }

    /// Scales `app` to `changes`; types not named keep their count. Before the first deploy any
    /// type is accepted and only stored: the deploy runs it once the Procfile has it.
    public func scale(app: String, changes: [(process: String, quantity: Int)]) throws {
        let store = try platform.store
        _ = try store.requireApp(app)
        let deployer = Deployer(platform: platform)
        let lock = try deployer.acquireLock(app: app, why: "ps:scale by \(platform.user)")
        defer { lock.release() }
        var formation = try store.formation(app)
        let live = try store.liveRelease(app)
        let known = Set(live.map { $0.processes.keys }.map(Array.init) ?? []).union(["web"]).union(formation.keys)
        for change in changes {
            guard live == nil || known.contains(change.process) else {
                throw ScaleError.unknownProcess(change.process, known: known.sorted())
            }
            formation[change.process] = change.quantity
        }
        let most = try AppSettings.value(Settings.resourceMaxInstances, app: app, store: store)
        let total = formation.values.reduce(0, +)
        guard total <= most else { throw ScaleError.tooMany(total, most: most, app: app) }
        guard let live, live.image != nil else {
            try store.setFormation(app, formation)
            return
        }
        try Reconciler(platform: platform).reconcile(app: app)
        let spec = try deployer.spec(
            of: live, app: app, config: try store.config(app), version: live.version, deployID: live.deployID ?? "",
            formation: formation)
        let checks = try CheckSettings.load(app: app, store: store)
        if try SchedulerChoice.isSwarm(app: app, store: store) {
            try SwarmRollout(platform: platform, checks: checks).scale(spec)
            try store.setFormation(app, formation)
            return
        }
        let running = try platform.docker.listContainers(
            all: true, labels: [Labels.app: app, Labels.role: Labels.Role.app.rawValue])
        var started: [ContainerFactory.Started] = []
        var retiring: [ContainerSummary] = []
        do {
            let factory = ContainerFactory(platform: platform)
            let checker = HealthChecker(platform: platform, settings: checks)
            for (process, quantity) in spec.orderedProcesses {
                let mine = running.filter { $0.labels[Labels.process] == process }
                let numbers = Set(mine.compactMap { Int($0.labels[Labels.number] ?? "") })
                for n in 1...max(quantity, 1) where quantity > 0 && !numbers.contains(n) {
                    let c = try factory.start(spec, process: process, number: n)
                    started.append(c)
                    if !checks.skips(process) { try checker.waitUntilHealthy(c, port: spec.port, checks: spec.healthchecks[process] ?? []) }
                }
                retiring += mine.filter { (Int($0.labels[Labels.number] ?? "") ?? 0) > quantity }
            }
            let keep = running.filter { c in !retiring.contains { $0.id == c.id } }
            var upstreams = Upstreams.of(keep)
            upstreams += started.filter { $0.process == "web" }.compactMap { $0.upstream(port: spec.port) }
            try platform.proxy.update(
                app: app, domains: try Domains.all(app: app, platform: platform), upstreams: upstreams.sorted { $0.number < $1.number })
            try store.setFormation(app, formation)
        } catch {
            for c in started { try? platform.cleanupDocker.removeContainer(c.id, force: true) }
            throw error
        }
        Rollout(platform: platform, checks: checks).retire(retiring)
    }
}

/// A scale request that names something that cannot run.
public enum ScaleError: Error, CustomStringConvertible {
    case unknownProcess(String, known: [String])
    case tooMany(Int, most: Int, app: String)
    public var description: String {
        switch self {
        case .unknownProcess(let name, let known):
            return "no process type '\(name)' in the app's Procfile (known: \(known.joined(separator: ", ")))"
        case .tooMany(let total, let most, let app):
            return "\(total) instances is more than \(app) may run (at most \(most), all process types together; "
                + "an admin can raise it with resource:set \(app) max-instances N)"
        }
    }
}
