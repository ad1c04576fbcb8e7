import DockerEngine
import Foundation
import PaasPluginKit
import PaasStore
import PaasSupport

/// Replaces an app's running containers with those of a new release, start-first: new
/// containers start and pass their checks, the proxy switches to them, and only then are the
/// old ones drained, stopped and removed. Any failure or interrupt before the switch removes
/// every new container and leaves the old ones serving, untouched.
public struct Rollout {
    let platform: Platform
    let checks: CheckSettings
    /// Times the start, checks, switch and drain phases, when given.
    let timer: PhaseTimer?

    public init(platform: Platform, checks: CheckSettings, timer: PhaseTimer? = nil) {
        self.platform = platform
        self.checks = checks
        self.timer = timer
    }

    /// Puts `spec` in place. `commit` runs right after the proxy switch (it records the release);
    /// if it throws, the switch is undone as well.
    public func run(_ spec: ReleaseSpec, domains: [String], commit: () throws -> Void) throws {
        let store = try platform.store
        let swarm = SwarmRollout(platform: platform, checks: checks, timer: timer)
        if try SchedulerChoice.isSwarm(app: spec.app, store: store) {
            return try swarm.run(spec, domains: domains, commit: commit)
        }
        let hadServices = try Cluster(platform: platform).managerAddress() != nil && !((try? swarm.services(app: spec.app)) ?? []).isEmpty
        try local(spec, domains: domains, commit: commit)
        if hadServices {
            swarm.removeAll(app: spec.app)
            platform.detail("Removed the app's swarm services (it runs on this host now)")
        }
    }

    private func local(_ spec: ReleaseSpec, domains: [String], commit: () throws -> Void) throws {
        let docker = platform.docker
        let old = try docker.listContainers(all: true, labels: [Labels.app: spec.app, Labels.role: Labels.Role.app.rawValue])
            .filter { !$0.isSwarmTask }
        let factory = ContainerFactory(platform: platform)
        var created: [ContainerFactory.Started] = []
        var switched = false
        var stoppedOld: [ContainerSummary] = []
        let oldUpstreams = Upstreams.of(old)
        // The proxy plugin starts while the containers do; the switch then only writes to it.
        platform.plugins.prestart(.proxyUpdate, app: spec.app)
        defer { platform.plugins.discardPrestarted(app: spec.app) }
        do {
            timer?.begin(.start)
            platform.step("Starting \(describe(spec.formation)) of v\(spec.version)")
            for (process, quantity) in spec.orderedProcesses where quantity > 0 {
                if checks.stopsFirst(process) {
                    stoppedOld += try stopFirst(process, old: old, spec: spec, domains: domains)
                }
                // One after the other: two starts made at once took 0.9 s and 1.7 s on the
                // benchmark's 2-core machine, against about 0.45 s each in turn (Docker's
                // network set-up does not overlap well).
                for number in 1...quantity {
                    try Cancellation.shared.check()
                    created.append(try factory.start(spec, process: process, number: number))
                }
            }
            timer?.end(.start)
            timer?.begin(.checks)
            // The switch is made ready while the checks run: at the switch only the writing is left.
            let upstreams = created.filter { $0.process == "web" }.compactMap { $0.upstream(port: spec.port) }
            let switchTraffic = try platform.proxy.prepareUpdate(app: spec.app, domains: domains, upstreams: upstreams)
            let checker = HealthChecker(platform: platform, settings: checks)
            for container in created where !checks.skips(container.process) {
                try checker.waitUntilHealthy(container, port: spec.port, checks: spec.healthchecks[container.process] ?? [])
            }
            let added = try platform.fire(
                .healthCheck, app: spec.app,
                payload: HealthCheckTargets(
                    deploy: spec.deployID, release: spec.version,
                    containers: created.map { .init(id: $0.id, process: $0.process, number: $0.number, host: "127.0.0.1", port: $0.hostPort) }))
            try PluginChecks(platform: platform).run(added.checks, on: created.filter { !checks.skips($0.process) })
            try Cancellation.shared.check()
            // The checks phase includes what health-check plugins do.
            timer?.end(.checks)
            timer?.begin(.switchTraffic)
            platform.step("Switching traffic to v\(spec.version)")
            switched = true
            try switchTraffic.apply()
            platform.trace("proxy switched")
            try commit()
            timer?.end(.switchTraffic)
            platform.detail("v\(spec.version) is live")
        } catch {
            platform.step("Deploy failed: \(error); v\(spec.version) removed, the previous version keeps serving")
            for container in created { try? platform.cleanupDocker.removeContainer(container.id, force: true) }
            for container in stoppedOld { try? platform.cleanupDocker.startContainer(container.id) }
            if switched || !stoppedOld.isEmpty {
                let restored = stoppedOld.isEmpty
                    ? oldUpstreams
                    : Upstreams.of(
                        ((try? platform.cleanupDocker.listContainers(all: false, labels: [Labels.app: spec.app])) ?? []).filter { !$0.isSwarmTask })
                        .filter { u in !created.contains { $0.upstream(port: spec.port) == u } }
                try? platform.proxy.update(app: spec.app, domains: domains, upstreams: restored)
            }
            throw error
        }
        timer?.measure(.drain) { retire(old) }
        if !old.isEmpty { platform.detail("Stopped and removed \(old.count) old container(s)") }
    }

    /// Stop-first (`checks:disable`): the old containers of `process` stop before the new ones
    /// start, for apps that cannot run twice. Returns them, so a failure can start them again.
    private func stopFirst(_ process: String, old: [ContainerSummary], spec: ReleaseSpec, domains: [String]) throws
        -> [ContainerSummary]
    {
        let running = old.filter { $0.labels[Labels.process] == process && $0.state == "running" }
        guard !running.isEmpty else { return [] }
        platform.step("Stopping \(process) first (checks disabled for it)")
        if process == "web" {
            try platform.proxy.update(app: spec.app, domains: domains, upstreams: [])
        }
        for c in running { try platform.cleanupDocker.stopContainer(c.id, timeout: checks.stopTimeout) }
        return running
    }

    /// Drains, stops and removes `containers`; failures here are warnings, the deploy is done.
    func retire(_ containers: [ContainerSummary]) {
        guard !containers.isEmpty else { return }
        if checks.drain > 0 { usleep(useconds_t(checks.drain * 1_000_000)) }
        let docker = platform.cleanupDocker
        let timeout = checks.stopTimeout
        DispatchQueue.concurrentPerform(iterations: containers.count) { i in
            let id = containers[i].id
            do {
                try docker.stopContainer(id, timeout: timeout)
                try docker.removeContainer(id, force: true)
            } catch {
                Terminal.err.line(" !     could not remove old container \(id.prefix(12)): \(error)")
            }
        }
    }

    private func describe(_ formation: [String: Int]) -> String {
        let parts = formation.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return parts.isEmpty ? "no processes" : parts.joined(separator: " ")
    }
}
