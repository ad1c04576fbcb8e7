/// How `buildImage` builds: the query of `POST /build`.
public struct BuildOptions: Sendable, Equatable {
    /// "name:tag" given to the result.
    public var tag: String
    /// The Dockerfile's path inside the context.
    public var dockerfile: String
    /// `--build-arg` values.
    public var buildArgs: [String: String]
    /// Labels set on the resulting image.
    public var labels: [String: String]
    /// Builds every step afresh when true.
    public var noCache: Bool
    /// Pulls a newer version of the `FROM` image first when true.
    public var pull: Bool

    /// Build options; everything but the tag has a default.
    public init(
        tag: String, dockerfile: String = "Dockerfile", buildArgs: [String: String] = [:],
        labels: [String: String] = [:], noCache: Bool = false, pull: Bool = false
    ) {
        self.tag = tag
        self.dockerfile = dockerfile
        self.buildArgs = buildArgs
        self.labels = labels
        self.noCache = noCache
        self.pull = pull
    }
}

/// One progress message of a build, as it arrives.
public enum BuildOutput: Sendable, Equatable {
    /// Build output text ("Step 1/3 : FROM ...", a RUN step's output); usually ends in a newline.
    case stream(String)
    /// A status line (pulls, "Downloading"); no newline.
    case status(String)
}

/// Which of a container's outputs a log chunk came from.
public enum LogStream: Sendable, Equatable {
    case stdout
    case stderr
}
