/// `pre-build`: the pushed commit is about to be built.
public struct PreBuild: TriggerPayload {
    /// The deploy's id (`d-…`), also a label of its containers.
    public var deploy: String
    /// The commit being built.
    public var commit: String
    /// The tree id of the app's build dir.
    public var tree: String
    /// `dockerfile` or `image`.
    public var builder: String
    /// The build arguments so far (amend them with `buildArgs`).
    public var buildArgs: [String: String]

    /// A payload.
    public init(deploy: String, commit: String, tree: String, builder: String, buildArgs: [String: String]) {
        self.deploy = deploy
        self.commit = commit
        self.tree = tree
        self.builder = builder
        self.buildArgs = buildArgs
    }
    public static var samples: [PreBuild] {
        [
            PreBuild(
                deploy: Sample.deploy, commit: Sample.commit, tree: Sample.tree, builder: "dockerfile",
                buildArgs: ["A": "1"])
        ]
    }
}

/// `post-build`: the image is built.
public struct PostBuild: TriggerPayload {
    /// The deploy's id.
    public var deploy: String
    /// The image built (`paas/web:v12`).
    public var image: String
    /// The commit it was built from.
    public var commit: String

    /// A payload.
    public init(deploy: String, image: String, commit: String) {
        self.deploy = deploy
        self.image = image
        self.commit = commit
    }
    public static var samples: [PostBuild] {
        [PostBuild(deploy: Sample.deploy, image: Sample.image, commit: Sample.commit)]
    }
}

/// `pre-release`: the release tasks (`predeploy`, Procfile `release`) are about to run.
public struct PreRelease: TriggerPayload {
    /// The deploy's id.
    public var deploy: String
    /// The new image.
    public var image: String
    /// The release number it will be.
    public var release: Int

    /// A payload.
    public init(deploy: String, image: String, release: Int) {
        self.deploy = deploy
        self.image = image
        self.release = release
    }
    public static var samples: [PreRelease] { [PreRelease(deploy: Sample.deploy, image: Sample.image, release: 12)] }
}

extension Trigger where Payload == PreBuild, Changes == BuildChanges {
    /// Before the image is built; may add build arguments.
    public static var preBuild: Self { Self("pre-build", canStop: true, summary: "before the image is built") }
}

extension Trigger where Payload == PostBuild, Changes == NoChanges {
    /// After the image is built.
    public static var postBuild: Self { Self("post-build", canStop: true, summary: "after the image is built") }
}

extension Trigger where Payload == PreRelease, Changes == NoChanges {
    /// Before the release tasks run.
    public static var preRelease: Self {
        Self("pre-release", canStop: true, summary: "before release tasks (`predeploy`, Procfile `release`)")
    }
}

/// Values the samples share.
enum Sample {
    static let deploy = "d-20261130-000000-abcd"
    static let commit = "3f786850e387550fdab836ed7e6dc881de23001b"
    static let tree = "89e6c98d92887913cadf06b2adb97f26cde4849b"
    static let image = "paas/web:v12"
}
