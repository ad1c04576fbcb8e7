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
            for refusal in try AppImages.remove(app: app, keeping: needed, docker: platform.cleanupDocker) {
                platform.log.line(" !     \(refusal)")
            }
        } catch {
            platform.log.line(" !     could not remove old images of \(app): \(error)")
        }
    }
}
