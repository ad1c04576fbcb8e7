import AppSpec

/// What a rollout puts in place: one release of an app, fully resolved.
public struct ReleaseSpec: Sendable {
    public var app: String
    /// The release number this rollout will record (`v7` → 7).
    public var version: Int
    /// The deploy making it; containers are labelled with it.
    public var deployID: String
    /// The image to run.
    public var image: String
    /// The environment of every process: config vars, `PORT`.
    public var env: [String: String]
    /// Commands by process type (from the Procfile); a type absent here runs the image's command.
    public var processes: [String: String]
    /// Instances by process type.
    public var formation: [String: Int]
    /// The port web processes listen on inside the container.
    public var port: Int
    /// app.json health checks by process type.
    public var healthchecks: [String: [HealthCheck]] = [:]

    public init(
        app: String, version: Int, deployID: String, image: String, env: [String: String],
        processes: [String: String], formation: [String: Int], port: Int
    ) {
        self.app = app
        self.version = version
        self.deployID = deployID
        self.image = image
        self.env = env
        self.processes = processes
        self.formation = formation
        self.port = port
    }

    /// Process types in start order: `web` first, then by name.
    public var orderedProcesses: [(name: String, quantity: Int)] {
        formation.sorted { a, b in a.key == "web" ? b.key != "web" : (b.key == "web" ? false : a.key < b.key) }
            .map { ($0.key, $0.value) }
    }
}
