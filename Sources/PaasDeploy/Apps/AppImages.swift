import DockerEngine
import PaasSupport

/// An app's images: those tagged `paas/APP:…`, and untagged ones labelled with the app.
///
/// Apps built from the same source share an image id (Docker's build cache), each app with its
/// own tag on it. So an app only ever removes its own references: `DELETE /images/paas/APP:vN`
/// without force untags when other tags remain and deletes the image only with its last tag;
/// the Engine refuses (409) to drop a last tag that a container still runs. Nothing here
/// deletes by image id with force, which would take every other app's tags along.
enum AppImages {
    /// The prefix of every tag of `app`.
    static func prefix(_ app: String) -> String { "paas/\(app):" }

    /// The images of `app`.
    static func list(app: String, docker: DockerClient) throws -> [ImageSummary] {
        let tagged = try docker.listImages(labels: [:]).filter { image in
            image.repoTags.contains { $0.hasPrefix(prefix(app)) }
        }
        let untagged = try docker.listImages(labels: [Labels.app: app]).filter { $0.repoTags.isEmpty }
        return tagged + untagged
    }

    /// Removes the references of `app` except the tags in `keeping`; an image goes only when
    /// the last reference to it does. Returns one message per reference that stayed because
    /// the Engine refused (it is still in use).
    static func remove(app: String, keeping: Set<String> = [], docker: DockerClient) throws -> [String] {
        var refused: [String] = []
        for image in try list(app: app, docker: docker) {
            let own = image.repoTags.filter { $0.hasPrefix(prefix(app)) }
            let references = own.isEmpty ? [image.id] : own.filter { !keeping.contains($0) }
            for reference in references {
                do {
                    try docker.removeImage(reference)
                } catch let error as EngineError {
                    refused.append("could not remove image \(reference): \(error)")
                }
            }
        }
        return refused
    }
}
