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
            if try SchedulerChoice.isSwarm(app: app, store: store), let registry = try? SwarmRegistry.current(platform: platform) {
                // The registry keeps the same releases as this host: rollback re-pushes nothing new.
                registry.prune(app: app, keep: Set(needed.compactMap { $0.split(separator: ":").last.map(String.init) }))
            }
        } catch {
            platform.log.line(" !     could not remove old images of \(app): \(error)")
        }
    }
}
