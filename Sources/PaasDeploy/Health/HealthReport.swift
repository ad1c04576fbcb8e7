import DockerEngine
import PaasStore

/// `checks:run`: the checks a deploy would run, against the containers running now.
public struct HealthReport {
    let platform: Platform

    public init(platform: Platform) { self.platform = platform }

    public struct Result: Sendable {
        public var container: String
        public var error: String?
    }

    public func run(app: String, process: String?, number: Int?) throws -> [Result] {
        let store = try platform.store
        _ = try store.requireApp(app)
        guard let live = try store.liveRelease(app) else { throw DeployError.nothingDeployed(app) }
        var settings = try CheckSettings.load(app: app, store: store)
        settings.wait = 0
        settings.settle = 0
        settings.timeout = min(settings.timeout, 10)
        let checker = HealthChecker(platform: platform, settings: settings)
        let appChecks = Deployer(platform: platform).healthchecks(of: live)
        let config = try store.mergedConfig(app)
        let containers = try platform.docker.listContainers(all: false, labels: [Labels.app: app, Labels.role: Labels.Role.app.rawValue])
        return containers.compactMap { c -> Result? in
            let p = c.labels[Labels.process] ?? ""
            let n = Int(c.labels[Labels.number] ?? "") ?? 0
            guard process == nil || process == p, number == nil || number == n else { return nil }
            let port = Int(c.labels[Labels.port] ?? "") ?? Deployer.port(config: config, exposed: [])
            let started = ContainerFactory.Started(
                app: app, id: c.id, name: c.names.first ?? c.id, process: p, number: n,
                hostPort: c.ports.first { $0.privatePort == port && $0.publicPort != nil }?.publicPort)
            do {
                try checker.waitUntilHealthy(started, port: port, checks: appChecks[p] ?? [])
                return Result(container: "\(p).\(n)", error: nil)
            } catch {
                return Result(container: "\(p).\(n)", error: "\(error)")
            }
        }.sorted { $0.container < $1.container }
    }
}
