import DockerEngine
import PaasSupport

/// Builds an app image from a Dockerfile with the Engine API, the context streamed from git.
struct DockerfileBuild {
    let platform: Platform

    /// Builds `context` into `image`, streaming the build's output to the user; returns the image id.
    func build(app: String, image: String, context: ByteSource, dockerfile: String, buildArgs: [String: String]) throws -> String {
        var options = BuildOptions(tag: image)
        options.dockerfile = dockerfile
        options.buildArgs = buildArgs
        // Only the install's own labels: the classic builder adds a build step per label, and the
        // image is found by its tag (`paas/APP:vN`) anyway.
        options.labels = platform.settings.labels
        do {
            return try platform.docker.buildImage(context: context, options: options) { output in
                switch output {
                case .stream(let text):
                    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
                        platform.detail(String(line))
                    }
                case .status(let text):
                    platform.detail(text)
                }
            }
        } catch let error as EngineError {
            throw BuildError(app: app, detail: "\(error)")
        }
    }
}

/// The image could not be built.
public struct BuildError: Error, CustomStringConvertible {
    public let app: String
    public let detail: String
    public var description: String { "build of \(app) failed: \(detail)" }
}
