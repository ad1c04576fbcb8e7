/// `post-deploy`: traffic moved to the new release.
public struct PostDeploy: TriggerPayload {
    /// The deploy's id.
    public var deploy: String
    /// The release now live.
    public var release: Int
    /// Its image.
    public var image: String
    /// Its commit.
    public var commit: String

    /// A payload.
    public init(deploy: String, release: Int, image: String, commit: String) {
        self.deploy = deploy
        self.release = release
        self.image = image
        self.commit = commit
    }
    public static var samples: [PostDeploy] {
        [PostDeploy(deploy: Sample.deploy, release: 12, image: Sample.image, commit: Sample.commit)]
    }
}

/// `deploy-failed`: a deploy failed and was undone; the previous release keeps serving.
public struct DeployFailed: TriggerPayload {
    /// The deploy's id.
    public var deploy: String
    /// Where it failed: `build`, `release`, `health`, `postdeploy` or `interrupted`.
    public var stage: String
    /// Why, in one line.
    public var message: String

    /// A payload.
    public init(deploy: String, stage: String, message: String) {
        self.deploy = deploy
        self.stage = stage
        self.message = message
    }
    public static var samples: [DeployFailed] {
        [DeployFailed(deploy: Sample.deploy, stage: "health", message: "web.1 failed its check")]
    }
}

extension Trigger where Payload == PostDeploy, Changes == NoChanges {
    /// After traffic moved to the new release.
    public static var postDeploy: Self {
        Self("post-deploy", canStop: false, summary: "after traffic moved to the new release")
    }
}

extension Trigger where Payload == DeployFailed, Changes == NoChanges {
    /// After a failed deploy was undone.
    public static var deployFailed: Self {
        Self("deploy-failed", canStop: false, summary: "after a failed deploy was undone")
    }
}
