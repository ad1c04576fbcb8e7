import AppSpec
import DockerEngine
import PaasSupport

/// Builds an app image in an ephemeral container of a builder image: the source is uploaded
/// to /workspace, the builder's build command runs with the app's build-time config and the
/// app's cache volume at /cache, its output streams to the pusher, and the container is
/// committed as the app image. The container is removed whatever happens; it never gets the
/// Docker socket.
public struct BuilderImageBuild {
    let platform: Platform
    let cancellation: Cancellation

    /// A build on `platform`, stopping when `cancellation` is set.
    public init(platform: Platform, cancellation: Cancellation = .shared) {
        self.platform = platform
        self.cancellation = cancellation
    }

    /// The name of `app`'s build cache volume.
    public static func cacheVolume(app: String) -> String { "paas-cache-\(app)" }

    /// Builds `source` (a tar of the build dir) with builder image `builder` into `image`
    /// (`repository:tag`); returns the new image's id.
    public func build(
        app: String, image: String, builder: String, source: ByteSource, env: [String: String],
        procfile: Procfile?, version: Int, deployID: String
    ) throws -> String {
        try cancellation.check()
        guard let builderImage = try platform.docker.inspectImage(builder) else {
            throw BuilderError.missingImage(builder)
        }
        let contract = try BuilderContract(ref: builder, image: builderImage)
        let command = contract.appCommand(procfile: procfile?["web"], firstProcess: procfile?.processes.first?.command)
        guard let command else { throw BuilderError.noStartCommand(app: app, builder: builder) }

        let volume = Self.cacheVolume(app: app)
        try platform.docker.createVolume(name: volume, labels: platform.labels(app: app, role: .builder))
        var spec = ContainerSpec(image: builder)
        spec.cmd = BuildEnvFile.wrap(contract.buildCommand)
        spec.workingDir = BuilderContract.workspace
        spec.labels = platform.labels(
            app: app, role: .builder, extra: [Labels.deploy: deployID, Labels.release: "v\(version)"])
        spec.hostConfig.binds = ["\(volume):\(BuilderContract.cache)"]
        try ContainerLimits.load(app: app, process: nil, store: try platform.store)
            .apply(to: &spec.hostConfig, hardened: false)
        let id = try platform.docker.createContainer(name: "\(app).build.\(deployID)", spec)
        defer { try? platform.cleanupDocker.removeContainer(id, force: true) }

        try upload(source, to: id, builder: builder)
        if !env.isEmpty { try upload(BuildEnvFile.archive(env), to: id, builder: builder) }
        try cancellation.check()
        try platform.docker.startContainer(id)
        try streamOutput(of: id)
        try cancellation.check()
        let status = try platform.docker.waitContainer(id)
        guard status == 0 else { throw BuilderError.failed(app: app, status: status) }
        try cancellation.check()
        if !env.isEmpty, try platform.docker.pathExists(in: id, path: BuildEnvFile.path) {
            throw BuilderError.configLeft(app: app, builder: builder)
        }

        let changes = ContainerCommitConfig(
            cmd: command, env: contract.runtimeEnv, workingDir: BuilderContract.workspace,
            labels: platform.labels(
                app: app, role: .app, extra: [Labels.release: "v\(version)", Labels.deploy: deployID]))
        let (repository, tag) = Self.split(image)
        return try platform.docker.commitContainer(id, repository: repository, tag: tag, changes: changes)
    }

    /// `paas/app:v3` → (`paas/app`, `v3`); no tag → `latest`.
    static func split(_ image: String) -> (repository: String, tag: String) {
        if let colon = image.lastIndex(of: ":"), !image[colon...].contains("/") {
            return (String(image[..<colon]), String(image[image.index(after: colon)...]))
        }
        return (image, "latest")
    }

    private func upload(_ archive: ByteSource, to id: String, builder: String) throws {
        do {
            try platform.docker.uploadArchive(to: id, path: BuilderContract.workspace, archive: archive)
        } catch EngineError.api(let status, _) where status == 404 {
            throw BuilderError.noWorkspace(builder)
        }
    }

    private func streamOutput(of id: String) throws {
        var lines = OutputLines { platform.detail($0) }
        try platform.docker.containerLogs(id, follow: true, tail: nil) { stream, bytes in
            lines.feed(bytes, stderr: stream == .stderr)
        }
        lines.finish()
    }
}
