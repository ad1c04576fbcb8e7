import DockerEngine
import PaasSupport

/// Removes an app's images that no recent release needs, keeping those of the last
/// `releases.keep` releases (default 10) so `rollback` stays instant.
struct ImageCleaner {
    let platform: Platform

    func clean(app: String) {
        do {
            let store = try platform.store
            let keep = try AppSettings.load(app: app, store: store)[Settings.releasesKeep]
            let needed = Set(try store.releases(app, limit: keep).compactMap { $0.image })
            for image in try AppImages.list(app: app, docker: platform.cleanupDocker) {
                let tags = image.repoTags.filter { $0.hasPrefix("paas/\(app):") }
                if tags.isEmpty {
                    try? platform.cleanupDocker.removeImage(image.id)
                    continue
                }
                guard tags.allSatisfy({ !needed.contains($0) }) else { continue }
                for tag in tags { try? platform.cleanupDocker.removeImage(tag) }
            }
        } catch {
            platform.log.line(" !     could not remove old images of \(app): \(error)")
        }
    }
}
