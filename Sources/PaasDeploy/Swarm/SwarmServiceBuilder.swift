import DockerEngine
import Foundation
import PaasPluginKit
import PaasStore

/// Turns one process type of a release into the spec of its Swarm service: the image by
/// digest, the app's config, its limits, the placement, host-mode ports for `web`, a health
/// check, and updates that start the new task first and roll back on failure.
struct SwarmServiceBuilder {
    let platform: Platform
    let checks: CheckSettings

    /// The spec of `process` of `spec`, running `image` (a by-digest reference) with `replicas`.
    func build(_ spec: ReleaseSpec, process: String, image: String, replicas: Int, placement: [String]) throws -> ServiceSpec {
        var env = spec.env
        if process == "web", env["PORT"] == nil { env["PORT"] = String(spec.port) }
        env["DYNO"] = "\(process).{{.Task.Slot}}"
        let port = Int(env["PORT"] ?? "") ?? spec.port
        var labels = platform.labels(
            app: spec.app, role: .app,
            extra: [Labels.process: process, Labels.release: "v\(spec.version)", Labels.deploy: spec.deployID])
        if process == "web" { labels[Labels.port] = String(port) }
        let changes = try platform.fire(
            .containerCreate, app: spec.app,
            payload: ContainerCreate(
                deploy: spec.deployID, image: spec.image, release: spec.version, process: process, number: 0, env: env,
                labels: labels))
        env.merge(changes.env) { _, amended in amended }
        if !changes.mounts.isEmpty {
            platform.log.line(" !     a plugin's mounts are folders of this host: not mounted into swarm tasks")
        }
        var healthcheck: HealthcheckSpec?
        if process == "web" && !checks.skips(process) {
            let (check, checkEnv) = SwarmHealthcheck.make(
                checks: spec.healthchecks[process] ?? [], port: port, attempts: checks.attempts)
            healthcheck = check
            // The check's own values win: the app's config must not change what the script runs.
            env.merge(checkEnv) { _, check in check }
        }
        let limits = try ContainerLimits.load(app: spec.app, process: process, store: try platform.store)
        var container = ServiceSpec.ContainerSpec(
            image: image, labels: labels.merging(changes.labels) { own, _ in own },
            env: env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }, healthCheck: healthcheck,
            stopGracePeriod: Int64(checks.stopTimeout) * 1_000_000_000,
            capabilityDrop: ContainerLimits.droppedCapabilities)
        if let command = spec.processes[process] { container.command = ["/bin/sh", "-c", command] }
        let second: Int64 = 1_000_000_000
        let startFirst = !checks.stopsFirst(process)
        let update = ServiceSpec.UpdateConfig(
            parallelism: 1, delay: 0, failureAction: "rollback", monitor: 2 * second, maxFailureRatio: 0,
            order: startFirst ? "start-first" : "stop-first")
        let rollback = ServiceSpec.UpdateConfig(
            parallelism: 0, delay: 0, failureAction: "continue", monitor: second, maxFailureRatio: 0,
            order: startFirst ? "start-first" : "stop-first")
        let template = ServiceSpec.TaskTemplate(
            containerSpec: container,
            resources: .init(
                limits: .init(
                    memoryBytes: limits.memory > 0 ? limits.memory : nil,
                    nanoCPUs: limits.cpus > 0 ? Int64((limits.cpus * 1e9).rounded()) : nil,
                    pids: limits.pids > 0 ? Int64(limits.pids) : nil)),
            restartPolicy: .init(condition: "any", delay: second),
            placement: .init(constraints: placement),
            networks: [.init(target: SwarmNames.network(app: spec.app), aliases: [process])],
            // Like a local container's: a task's output must not fill its node's disk.
            logDriver: .init(
                name: "json-file",
                options: ["max-size": ByteSize.describe(limits.logMaxSize), "max-file": String(limits.logMaxFile)]))
        let ports = process == "web" ? [ServiceSpec.EndpointSpec.Port(targetPort: port, publishMode: "host")] : []
        return ServiceSpec(
            name: SwarmNames.service(app: spec.app, process: process),
            labels: platform.labels(app: spec.app, role: .app, extra: [Labels.process: process, Labels.release: "v\(spec.version)"]),
            taskTemplate: template, mode: .replicated(replicas), updateConfig: update, rollbackConfig: rollback,
            endpointSpec: .init(mode: "dnsrr", ports: ports))
    }
}
