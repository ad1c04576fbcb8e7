import DockerEngine

/// Each app's own Docker bridge network. Containers of different apps are on different
/// networks and cannot reach each other; the proxy reaches web containers through their ports
/// published on 127.0.0.1, never through these networks.
public enum AppNetwork {
    /// The network of `app`.
    public static func name(app: String) -> String { "paas-app-\(app)" }

    /// Creates `app`'s network, labelled as the app's, if it does not exist; returns its name.
    @discardableResult
    public static func ensure(app: String, platform: Platform) throws -> String {
        let network = name(app: app)
        try platform.docker.createNetwork(name: network, labels: platform.labels(app: app, role: .app))
        return network
    }

    /// Removes `app`'s network (once its containers are gone); a missing one is fine. A failure
    /// is a warning: the network is empty and unused, and the rest of the work goes on.
    public static func remove(app: String, platform: Platform) {
        do {
            try platform.cleanupDocker.removeNetwork(name(app: app))
        } catch {
            platform.log.line(" !     could not remove the network \(name(app: app)): \(error)")
        }
    }
}

extension Platform {
    /// Puts a container of `app` in its sandbox: `process`'s limits, the hardening, the app's
    /// own network and its storage mounts (after any `binds` already in `spec`).
    func sandbox(_ spec: inout ContainerSpec, app: String, process: String?) throws {
        let store = try store
        try ContainerLimits.load(app: app, process: process, store: store).apply(to: &spec.hostConfig)
        spec.hostConfig.networkMode = try AppNetwork.ensure(app: app, platform: self)
        spec.hostConfig.binds += try Storage(root: root).binds(app: app, store: store)
    }
}
