import AppSpec
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

    /// What to check: every container of a process type, or one (`web.2`).
    public struct Target: Sendable, Equatable, CustomStringConvertible {
        public var process: String
        public var number: Int?

        public init(process: String, number: Int? = nil) {
            self.process = process
            self.number = number
        }

        /// `web` or `web.2`; throws `HealthReportError.badTarget` for anything else.
        public init(parsing text: String) throws {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2, Procfile.isValidName(parts[0]) else { throw HealthReportError.badTarget(text) }
            process = parts[0]
            if parts.count == 2 {
                guard let n = Int(parts[1]), n > 0 else { throw HealthReportError.badTarget(text) }
                number = n
            }
        }

        public var description: String { number.map { "\(process).\($0)" } ?? process }

        func matches(_ c: ContainerSummary) -> Bool {
            c.labels[Labels.process] == process && (number == nil || number == HealthReport.number(c))
        }
    }

    /// Checks the running containers of `app` that match any of `targets` (every one when
    /// empty). Throws when a target matches no running container.
    public func run(app: String, targets: [Target]) throws -> [Result] {
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
        let chosen = containers.filter { c in targets.isEmpty || targets.contains { $0.matches(c) } }
        for target in targets where !chosen.contains(where: target.matches) {
            throw HealthReportError.noMatch(app: app, target: target.description)
        }
        return chosen.map { c -> Result in
            let p = c.labels[Labels.process] ?? ""
            let n = Self.number(c)
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

    static func number(_ c: ContainerSummary) -> Int { Int(c.labels[Labels.number] ?? "") ?? 0 }
}

/// `checks:run` was asked for something it cannot check.
public enum HealthReportError: Error, CustomStringConvertible, Equatable {
    case badTarget(String)
    case noMatch(app: String, target: String)

    public var description: String {
        switch self {
        case .badTarget(let text):
            return "'\(text)' is not a process type or PROCESS.N: expected e.g. web, web.2 or web,worker"
        case .noMatch(let app, let target):
            return "no running container of \(app) matches \(target)"
        }
    }
}
