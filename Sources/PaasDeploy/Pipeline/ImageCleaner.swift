import DockerEngine
import PaasSupport

/// Removes an app's images that no recent release needs, keeping the last `keep-releases`
/// (default 10) so `rollback` stays instant.
struct ImageCleaner {
    let platform: Platform

    func clean(app: String) {
        do {
            let store = try platform.store
            let keep = Int(try store.setting(app, "keep-releases") ?? "") ?? 10
            let needed = Set(try store.releases(app, limit: keep).compactMap { $0.image })
            for refusal in try AppImages.remove(app: app, keeping: needed, docker: platform.cleanupDocker) {
                platform.log.line(" !     \(refusal)")
            }
        } catch {
            platform.log.line(" !     could not remove old images of \(app): \(error)")
        }
    }
}
