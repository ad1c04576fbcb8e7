/// `container-create`: an app container is about to be created.
public struct ContainerCreate: TriggerPayload {
    /// The deploy's id.
    public var deploy: String
    /// The image the container runs.
    public var image: String
    /// The release number.
    public var release: Int
    /// The process type (`web`).
    public var process: String
    /// The instance number, from 1.
    public var number: Int
    /// The container's environment so far (config, `PORT`, `DYNO`).
    public var env: [String: String]
    /// The labels paas gives it (`paas.*`; amendments cannot change those).
    public var labels: [String: String]

    /// A payload.
    public init(
        deploy: String, image: String, release: Int, process: String, number: Int, env: [String: String],
        labels: [String: String]
    ) {
        self.deploy = deploy
        self.image = image
        self.release = release
        self.process = process
        self.number = number
        self.env = env
        self.labels = labels
    }
    public static var samples: [ContainerCreate] {
        [
            ContainerCreate(
                deploy: Sample.deploy, image: Sample.image, release: 12, process: "web", number: 1,
                env: ["PORT": "5000", "DYNO": "web.1"], labels: ["paas.app": "web", "paas.process": "web"])
        ]
    }
}

extension Trigger where Payload == ContainerCreate, Changes == ContainerChanges {
    /// Before each app container is created; may add env, labels and mounts.
    public static var containerCreate: Self {
        Self("container-create", canStop: true, summary: "before each app container is created")
    }
}
