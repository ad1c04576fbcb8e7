import DockerEngine

/// The names and labels of an app's Swarm objects.
public enum SwarmNames {
    /// The service running `process` of `app`: app names have no '_', so it splits back.
    public static func service(app: String, process: String) -> String { "\(app)_\(process)" }

    /// The overlay network an app's tasks share (a local app's bridge is `paas-app-APP`).
    public static func network(app: String) -> String { "paas-swarm-\(app)" }

    /// The swarm node name of the main host, the manager.
    public static let manager = "main"

    /// Where the manager listens for nodes.
    public static let managerPort = 2377

    /// The label saying a swarm node's paas name.
    public static let nodeLabel = "paas.node"
}
