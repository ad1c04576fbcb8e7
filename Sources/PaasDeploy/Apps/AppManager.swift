import AppSpec
import DockerEngine
import Foundation
import PaasPluginKit
import PaasStore
import PaasSupport

/// Creates and destroys apps: their state, repository, containers, images and proxy entry.
public struct AppManager {
    let platform: Platform

    public init(platform: Platform) { self.platform = platform }

    /// Creates `name` after checking it is a valid app name.
    @discardableResult
    public func create(_ name: String) throws -> App {
        let name = try AppName.validate(name)
        if try platform.store.app(name) != nil { throw StoreError.appExists(name) }
        try Domains.checkDefaultFree(app: name, platform: platform)
        try platform.fire(.appCreate, app: name, payload: NoPayload())
        let app = try platform.store.createApp(name)
        try AppRepository.ensure(root: platform.root, app: name)
        return app
    }

    /// Removes `name` and everything it has: containers, images, volumes, repository, state.
    public func destroy(_ name: String) throws {
        let store = try platform.store
        _ = try store.requireApp(name)
        let lock = try AppLock.acquire(root: platform.root, app: name, holder: "apps:destroy by \(platform.user)", wait: .seconds(30))
        defer { lock.release() }
        try platform.fire(.preAppDestroy, app: name, payload: NoPayload())
        platform.notify(.appDestroy, app: name, payload: NoPayload())
        let docker = platform.cleanupDocker
        for c in try docker.listContainers(all: true, labels: [Labels.app: name]) {
            try docker.removeContainer(c.id, force: true, volumes: true)
        }
        AppNetwork.remove(app: name, platform: platform)
        if let registry = try? SwarmRegistry.current(platform: platform) {
            SwarmRollout(platform: platform, checks: CheckSettings()).removeAll(app: name)
            registry.prune(app: name, keep: [])
        }
        removeImages(of: name)
        for volume in try docker.listVolumes(labels: [Labels.app: name]) {
            try docker.removeVolume(volume)
        }
        try platform.proxy.remove(app: name)
        CertStore(root: platform.root).removeApp(name)
        try AppRepository.remove(root: platform.root, app: name)
        try store.deleteApp(name)
        platform.notify(.appDestroyed, app: name, payload: NoPayload())
    }

    /// Removes the image references of `name` (only its own: an image another app also uses
    /// stays). A failure here is a warning: the rest of the destroy still happens.
    private func removeImages(of name: String) {
        do {
            for refusal in try AppImages.remove(app: name, docker: platform.cleanupDocker) {
                platform.log.line(" !     \(refusal)")
            }
        } catch {
            platform.log.line(" !     could not remove the images of \(name): \(error)")
        }
    }
}
