import DockerEngine

/// What a builder image declares about itself: how to build, how to start the result, and
/// the environment the app runs with. See docs/builders.md.
public struct BuilderContract: Sendable, Equatable {
    /// Label naming the build command (an executable path); without it the image's own Cmd builds.
    public static let buildLabel = "paas.builder.build"
    /// Label naming the start command of the built app when its Procfile has no `web`.
    public static let startLabel = "paas.builder.start"
    /// Label with extra runtime environment for the built app: `K=V` entries, one a line.
    public static let envLabel = "paas.builder.env"
    /// Where the app's source is uploaded and built (the builder image must have it).
    public static let workspace = "/workspace"
    /// Where the app's cache volume is mounted during a build.
    public static let cache = "/cache"

    /// The command that builds /workspace.
    public var buildCommand: [String]
    /// The builder's start command, a shell command line.
    public var startCommand: String?
    /// The environment the built app runs with: the image's own plus `paas.builder.env`.
    public var runtimeEnv: [String]

    /// Reads the contract of builder image `ref` from its inspection.
    public init(ref: String, image: ImageInspect) throws {
        let labels = image.config.labels
        if let build = labels[Self.buildLabel], !build.isEmpty {
            buildCommand = [build]
        } else if let cmd = image.config.cmd, !cmd.isEmpty {
            buildCommand = cmd
        } else {
            throw BuilderError.noBuildCommand(ref)
        }
        startCommand = labels[Self.startLabel].flatMap { $0.isEmpty ? nil : $0 }
        var env = image.config.env
        for line in (labels[Self.envLabel] ?? "").split(separator: "\n") where line.contains("=") {
            let key = line.prefix { $0 != "=" }
            env.removeAll { $0.hasPrefix(key + "=") }
            env.append(String(line))
        }
        runtimeEnv = env
    }

    /// The default command of the app image: the Procfile's `web`, else the builder's start
    /// command, else the Procfile's first process; nil when there is nothing to run.
    public func appCommand(procfile web: String?, firstProcess: String?) -> [String]? {
        guard let line = web ?? startCommand ?? firstProcess else { return nil }
        return ["/bin/sh", "-c", line]
    }
}
