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
        // Swarm stops an old web task the moment its successor is healthy, and the proxy drops it
        // a moment later: the app gets SIGTERM only after a delay, so no request meets a process
        // that is gone (what a preStop sleep does elsewhere).
        let delayed = process == "web" ? try shellCommand(spec, process: process) : nil
        if delayed != nil { env["PAAS_STOP_DELAY"] = String(SwarmStopDelay.seconds) }
        let grace = checks.stopTimeout + (delayed == nil ? 0 : SwarmStopDelay.seconds)
        let limits = try ContainerLimits.load(app: spec.app, process: process, store: try platform.store)
        var container = ServiceSpec.ContainerSpec(
            image: image, labels: labels.merging(changes.labels) { own, _ in own },
            env: env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }, healthCheck: healthcheck,
            stopGracePeriod: Int64(grace) * 1_000_000_000,
            capabilityDrop: ContainerLimits.droppedCapabilities)
        if let command = spec.processes[process] { container.command = ["/bin/sh", "-c", command] }
        if let argv = delayed { container.command = ["/bin/sh", "-c", SwarmStopDelay.script, "paas-stop-delay"] + argv }
        let second: Int64 = 1_000_000_000
        let startFirst = !checks.stopsFirst(process)
        let update = ServiceSpec.UpdateConfig(
            parallelism: 1, delay: 0, failureAction: "rollback", monitor: second / 2, maxFailureRatio: 0,
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

    /// The command `process` runs when a shell runs it anyway (a Procfile line, or an image whose
    /// command is `/bin/sh -c …`, a Dockerfile's shell form); nil otherwise (the image may have no
    /// shell: it runs as it is, without the stop delay).
    private func shellCommand(_ spec: ReleaseSpec, process: String) throws -> [String]? {
        if let command = spec.processes[process] { return ["/bin/sh", "-c", command] }
        guard let config = try platform.docker.inspectImage(spec.image)?.config else { return nil }
        let argv = (config.entrypoint ?? []) + (config.cmd ?? [])
        guard let first = argv.first, ["/bin/sh", "sh", "/bin/bash", "bash"].contains(first) else { return nil }
        return argv
    }
}

/// The wrapper a swarm web task runs its command in: on SIGTERM (or SIGINT) it waits
/// $PAAS_STOP_DELAY seconds, then passes the signal on to the app, and exits with the app's status.
enum SwarmStopDelay {
    /// Seconds between Swarm's stop and the app's SIGTERM.
    static let seconds = 2

    static let script = """
        trap 'sleep "${PAAS_STOP_DELAY:-2}"; kill -TERM "$child" 2>/dev/null' TERM INT
        "$@" & child=$!
        while :; do wait "$child"; status=$?; kill -0 "$child" 2>/dev/null || exit "$status"; done
        """
}
