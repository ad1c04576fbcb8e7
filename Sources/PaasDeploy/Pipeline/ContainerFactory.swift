import DockerEngine
import PaasPluginKit
import PaasSupport

/// Creates and starts the containers of an app's processes, labelled so they can always be found.
struct ContainerFactory {
    let platform: Platform

    /// A running container of a process, as the rollout tracks it.
    struct Started: Sendable {
        var app: String
        var id: String
        var name: String
        var process: String
        var number: Int
        var hostPort: Int?
        /// What Docker said of it right after the start (web processes; nil when not read).
        var inspected: ContainerInspect?

        /// Where the proxy reaches it, listening on `port` inside: its address on the app's
        /// network, else its published loopback port (`Upstreams.upstream`).
        func upstream(port: Int) -> Upstream? {
            Upstreams.upstream(
                address: inspected.flatMap { Upstreams.address($0.addresses, app: app) }, port: port, hostPort: hostPort,
                process: process, number: number)
        }
    }

    /// Creates and starts instance `number` of `process` for `spec`. Docker picks the host port
    /// from the range outgoing connections use too; when the one it picked is taken meanwhile
    /// ("address already in use"), the container is made again, at most three times.
    func start(_ spec: ReleaseSpec, process: String, number: Int) throws -> Started {
        var attempt = 1
        while true {
            do {
                return try startOnce(spec, process: process, number: number)
            } catch let error as EngineError where attempt < 3 && "\(error)".contains("address already in use") {
                attempt += 1
            }
        }
    }

    private func startOnce(_ spec: ReleaseSpec, process: String, number: Int) throws -> Started {
        let name = "\(spec.app).\(process).\(number).\(spec.deployID)"
        var env = spec.env
        env["DYNO"] = "\(process).\(number)"
        if process == "web", env["PORT"] == nil { env["PORT"] = String(spec.port) }
        let port = Int(env["PORT"] ?? "") ?? spec.port
        var labels = platform.labels(
            app: spec.app, role: .app,
            extra: [
                Labels.process: process, Labels.number: String(number), Labels.release: "v\(spec.version)",
                Labels.deploy: spec.deployID,
            ])
        if process == "web" { labels[Labels.port] = String(port) }
        let changes = try platform.fire(
            .containerCreate, app: spec.app,
            payload: ContainerCreate(
                deploy: spec.deployID, image: spec.image, release: spec.version, process: process, number: number, env: env,
                labels: labels))
        env.merge(changes.env) { _, amended in amended }
        var container = ContainerSpec(image: spec.image)
        container.hostConfig.binds = changes.mounts
        container.env = env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        if let command = spec.processes[process] { container.cmd = ["/bin/sh", "-c", command] }
        container.labels = labels.merging(changes.labels) { own, _ in own }
        container.hostConfig.restartPolicy = "unless-stopped"
        container.hostConfig.`init` = true
        if process == "web" {
            container.exposedPorts = ["\(port)/tcp"]
            container.hostConfig.portBindings = ["\(port)/tcp": [PortBinding(hostIP: "127.0.0.1", hostPort: "")]]
        }
        try platform.sandbox(&container, app: spec.app, process: process)
        let id = try platform.docker.createContainer(name: name, container)
        var started = Started(app: spec.app, id: id, name: name, process: process, number: number, hostPort: nil)
        do {
            try platform.docker.startContainer(id)
            if process == "web" {
                started.inspected = try platform.docker.inspectContainer(id)
                started.hostPort = started.inspected?.hostPort(for: "\(port)/tcp")
            }
            platform.trace("\(process).\(number) started")
        } catch {
            try? platform.cleanupDocker.removeContainer(id, force: true)
            throw error
        }
        return started
    }
}
