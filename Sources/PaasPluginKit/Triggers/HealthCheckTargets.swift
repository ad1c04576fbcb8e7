/// `health-check`: the new containers of a deploy are up and about to be checked.
public struct HealthCheckTargets: TriggerPayload {
    /// One new container.
    public struct Container: Codable, Sendable, Equatable {
        /// The Docker container id.
        public var id: String
        /// Its process type.
        public var process: String
        /// Its instance number.
        public var number: Int
        /// Where its port is published.
        public var host: String
        /// The published port; absent for processes that publish none.
        public var port: Int?

        /// A container.
        public init(id: String, process: String, number: Int, host: String, port: Int?) {
            self.id = id
            self.process = process
            self.number = number
            self.host = host
            self.port = port
        }
    }

    /// The deploy's id.
    public var deploy: String
    /// The release number.
    public var release: Int
    /// The new containers.
    public var containers: [Container]

    /// A payload.
    public init(deploy: String, release: Int, containers: [Container]) {
        self.deploy = deploy
        self.release = release
        self.containers = containers
    }
    public static var samples: [HealthCheckTargets] {
        [
            HealthCheckTargets(
                deploy: Sample.deploy, release: 12,
                containers: [
                    Container(id: "4c01db0b339c", process: "web", number: 1, host: "127.0.0.1", port: 49153),
                    Container(id: "9a8e1f3c7d2b", process: "worker", number: 1, host: "127.0.0.1", port: nil),
                ])
        ]
    }
}

extension Trigger where Payload == HealthCheckTargets, Changes == CheckChanges {
    /// After new containers start, before traffic moves; may add checks.
    public static var healthCheck: Self {
        Self("health-check", canStop: true, summary: "after new containers start, before traffic moves")
    }
}
