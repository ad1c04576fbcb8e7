import DockerEngine

extension RegistryClient {
    /// Names the local image `image` `ADDR:PORT/repository:tag`, pushes it through the Engine
    /// API while holding the registry lock shared (so garbage collection waits), and returns
    /// the reference by digest, `ADDR:PORT/repository@sha256:…`, that services should run.
    public func push(
        _ image: String, as repository: String, tag: String, docker: DockerClient,
        registryAuth: String = DockerClient.anonymousRegistryAuth, onProgress: (String) -> Void = { _ in }
    ) throws -> String {
        let name = "\(address)/\(repository)"
        try docker.tagImage(image, repository: name, tag: tag)
        // The registry's name is only for the push: left on the image, it would keep the image
        // (and its layers) here after paas removes the release's own tag.
        defer { _ = try? docker.removeImage("\(name):\(tag)") }
        let lock = try RegistryLock.acquire(.shared, paths: paths)
        defer { lock.release() }
        let digest = try docker.pushImage(name, tag: tag, registryAuth: registryAuth, onProgress: onProgress)
        return "\(name)@\(digest)"
    }
}
