import DockerEngine
import PaasStore

/// An app's build cache volume (`/cache` in builder-image builds), kept across builds.
enum CacheVolume {
    /// Moves `app`'s cache to `newName` (Docker cannot rename a volume): the contents are copied
    /// into a new volume by a container of the app's builder image, then the old volume goes, so
    /// the next app given the old name starts with an empty cache. Without the builder image the
    /// cache is dropped rather than left behind.
    static func move(app: String, to newName: String, platform: Platform) throws {
        let docker = platform.cleanupDocker
        let old = BuilderImageBuild.cacheVolume(app: app)
        guard try docker.listVolumes(labels: [Labels.app: app]).contains(old) else { return }
        let builder = try AppSettings.value(Settings.builderImage, app: newName, store: try platform.store)
        if try docker.inspectImage(builder) != nil {
            let new = BuilderImageBuild.cacheVolume(app: newName)
            try docker.createVolume(name: new, labels: platform.labels(app: newName, role: .builder))
            var spec = ContainerSpec(image: builder, cmd: ["cp", "-a", "/from/.", "/to/"])
            spec.entrypoint = []
            spec.labels = platform.labels(app: newName, role: .builder)
            spec.hostConfig.binds = ["\(old):/from:ro", "\(new):/to"]
            spec.hostConfig.networkMode = "none"
            let id = try docker.createContainer(name: nil, spec)
            defer { try? docker.removeContainer(id, force: true) }
            try docker.startContainer(id)
            let status = try docker.waitContainer(id)
            if status != 0 {
                platform.log.line(
                    " !     the build cache of \(app) could not be copied; \(newName) starts with an empty one")
            }
        }
        try docker.removeVolume(old)
    }
}
