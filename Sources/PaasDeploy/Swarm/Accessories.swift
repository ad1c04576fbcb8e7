import AppSpec
import DockerEngine
import Foundation
import PaasSupport

/// Services that are not apps — a database, a cache — each pinned to one node
/// (`accessories:add`). App deploys never touch them, and app images never go to their nodes
/// unless an app's placement puts tasks there.
public struct Accessories {
    let platform: Platform

    public init(platform: Platform) { self.platform = platform }

    /// The label naming an accessory.
    public static let label = "paas.accessory"

    /// One accessory as `accessories:list` shows it.
    public struct Entry: Encodable, Sendable {
        public var name: String
        public var image: String
        public var node: String
        public var state: String
        public var ports: [Int]
    }

    static func serviceName(_ name: String) -> String { "paas-accessory-\(name)" }

    /// The overlay network accessories share (their aliases are their names).
    public static let network = "paas-accessories"

    /// Runs `image` as accessory `name` on node `node`, with `env` (KEY=VALUE), `volumes`
    /// (VOLUME:/path or /host/path:/path, `:ro` for read-only) and `publish` (ports published
    /// on the node itself). An image this host has is pushed to the swarm's registry first.
    public func add(
        name: String, image: String, node: String, env: [String], volumes: [String], publish: [Int], command: String? = nil
    ) throws {
        guard Cluster.isValidName(name) else { throw AccessoryError.badName(name) }
        guard image.range(of: #"^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}\z"#, options: .regularExpression) != nil else {
            throw AccessoryError.badImage(image)
        }
        for pair in env {
            let key = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            guard pair.contains("="), (try? ConfigPairs.validateKey(key)) != nil else { throw AccessoryError.badEnv(pair) }
        }
        let mounts = try volumes.map(Self.mount)
        for port in publish where !(1...65535).contains(port) { throw AccessoryError.badPort(port) }
        let cluster = Cluster(platform: platform)
        _ = try cluster.requireManager()
        let nodeID = try cluster.swarmID(of: node)
        if try platform.docker.inspectService(Self.serviceName(name)) != nil { throw AccessoryError.exists(name) }
        var reference = image
        if try platform.docker.inspectImage(image) != nil {
            let registry = try SwarmRegistry.current(platform: platform)
            try registry.requireAnswering()
            reference = try registry.publishAccessory(image: image, name: name)
            platform.detail("Pushed \(image) to the registry: \(reference)")
        }
        var labels = platform.settings.labels
        labels[Self.label] = name
        labels[Labels.role] = "accessory"
        // A task on a node needs an overlay network for its host-mode ports to be published.
        try platform.docker.createNetwork(name: Self.network, labels: platform.settings.labels, driver: "overlay", attachable: true)
        let spec = ServiceSpec(
            name: Self.serviceName(name), labels: labels,
            taskTemplate: .init(
                containerSpec: .init(
                    image: reference, labels: labels, command: command.map { ["/bin/sh", "-c", $0] }, env: env.isEmpty ? nil : env,
                    mounts: mounts.isEmpty ? nil : mounts),
                restartPolicy: .init(condition: "any", delay: 2_000_000_000),
                placement: .init(constraints: ["node.id==\(nodeID)"]),
                networks: [.init(target: Self.network, aliases: [name])]),
            mode: .replicated(1),
            endpointSpec: .init(
                mode: "dnsrr", ports: publish.map { .init(targetPort: $0, publishedPort: $0, publishMode: "host") }))
        let id = try platform.docker.createService(spec, registryAuth: DockerClient.anonymousRegistryAuth)
        platform.step("Accessory \(name) created on \(node); waiting for it to run")
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let tasks = try platform.docker.listTasks(service: id)
            if tasks.contains(where: \.isServing) {
                platform.detail("\(name) is running")
                return
            }
            if let failed = tasks.last(where: { ["failed", "rejected"].contains($0.state) }), tasks.filter({ $0.state == "failed" || $0.state == "rejected" }).count >= 3 {
                try? platform.cleanupDocker.removeService(id)
                throw AccessoryError.failed(name, failed.error ?? failed.message)
            }
            usleep(300_000)
        }
        platform.log.line(" !     \(name) is not running after 60 s; accessories:list shows its state")
    }

    /// Every accessory.
    public func list() throws -> [Entry] {
        var labels = platform.settings.labels
        labels[Labels.role] = "accessory"
        let nodes = try platform.docker.listNodes()
        return try platform.docker.listServices(labels: labels).compactMap { service -> Entry? in
            guard let name = service.spec.labels?[Self.label] else { return nil }
            let tasks = try platform.docker.listTasks(service: service.id, desiredState: "running")
            let nodeID = service.spec.taskTemplate.placement?.constraints?.first?.split(separator: "=").last.map(String.init) ?? ""
            let node = nodes.first { $0.id == nodeID }
            return Entry(
                name: name, image: service.spec.taskTemplate.containerSpec.image,
                node: node?.spec.labels[SwarmNames.nodeLabel] ?? node?.hostname ?? nodeID,
                state: tasks.first?.state ?? "stopped",
                ports: service.spec.endpointSpec?.ports?.compactMap(\.publishedPort) ?? [])
        }.sorted { $0.name < $1.name }
    }

    /// Removes accessory `name` (its named volumes stay on its node).
    public func remove(name: String) throws {
        guard try platform.cleanupDocker.removeService(Self.serviceName(name)) else { throw AccessoryError.noSuch(name) }
        platform.step("Removed accessory \(name)")
    }

    /// "VOLUME:/path[:ro]" or "/host/path:/path[:ro]".
    static func mount(_ text: String) throws -> ServiceSpec.Mount {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (2...3).contains(parts.count), parts.count == 2 || parts[2] == "ro", parts[1].hasPrefix("/"),
            !parts[1].contains(".."), !parts[0].contains("..")
        else { throw AccessoryError.badVolume(text) }
        let source = parts[0]
        let bind = source.hasPrefix("/")
        // No container gets the Engine's socket (or any runtime socket): it would own the node.
        if bind && (source.hasSuffix(".sock") || ["/run", "/var/run", "/proc", "/sys", "/dev"].contains { source == $0 || source.hasPrefix($0 + "/") }) {
            throw AccessoryError.socketMount(text)
        }
        guard bind || source.range(of: #"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\z"#, options: .regularExpression) != nil else {
            throw AccessoryError.badVolume(text)
        }
        return .init(type: bind ? "bind" : "volume", source: source, target: parts[1], readOnly: parts.count == 3 ? true : nil)
    }
}

/// Why an accessory command was refused.
public enum AccessoryError: Error, CustomStringConvertible, Equatable {
    case badName(String)
    case badImage(String)
    case badEnv(String)
    case badVolume(String)
    case badPort(Int)
    case socketMount(String)
    case exists(String)
    case noSuch(String)
    case failed(String, String)

    public var description: String {
        switch self {
        case .badName(let name):
            return "invalid accessory name '\(name)': expected lowercase letters, digits or '-', starting with a letter or digit"
        case .badImage(let image): return "invalid image '\(image)': expected a reference such as postgres:15 or registry/name@sha256:…"
        case .badEnv(let pair): return "invalid --env '\(pair)': expected KEY=VALUE with KEY of letters, digits and '_'"
        case .badVolume(let text): return "invalid --volume '\(text)': expected VOLUME:/path or /host/path:/path, optionally :ro"
        case .socketMount(let text):
            return "refused --volume '\(text)': sockets and /run, /proc, /sys, /dev are not mounted into accessories (the Docker socket would give away the node)"
        case .badPort(let port): return "invalid --publish \(port): expected a port from 1 to 65535"
        case .exists(let name): return "an accessory named '\(name)' exists already (accessories:list)"
        case .noSuch(let name): return "no accessory named '\(name)' (accessories:list shows them)"
        case .failed(let name, let why): return "accessory \(name) failed to start: \(why); nothing was left behind"
        }
    }
}
