import AppSpec
import DockerEngine
import Foundation
import PaasStore
import PaasSupport

extension AppManager {
    /// Renames `name` to `newName`: state, repository and image tags move; a deployed app is
    /// rolled out again under its new name and the old containers and proxy entry go.
    public func rename(_ name: String, to newName: String) throws {
        let newName = try AppName.validate(newName)
        let store = try platform.store
        _ = try store.requireApp(name)
        if try SchedulerChoice.isSwarm(app: name, store: store) { throw ClusterError.renameSwarm(name) }
        if try store.app(newName) != nil { throw StoreError.appExists(newName) }
        try Domains.checkDefaultFree(app: newName, platform: platform)
        let deployer = Deployer(platform: platform)
        let lock = try deployer.acquireLock(app: name, why: "apps:rename by \(platform.user)")
        defer { lock.release() }
        let newLock = try deployer.acquireLock(app: newName, why: "apps:rename by \(platform.user)")
        defer { newLock.release() }
        for image in try AppImages.list(app: name, docker: platform.cleanupDocker) {
            for tag in image.repoTags where tag.hasPrefix("paas/\(name):") {
                try platform.cleanupDocker.tagImage(image.id, repository: "paas/\(newName)", tag: String(tag.dropFirst("paas/\(name):".count)))
                try platform.cleanupDocker.removeImage(tag)
            }
        }
        try store.renameApp(name, to: newName)
        try CacheVolume.move(app: name, to: newName, platform: platform)
        if FileManager.default.fileExists(atPath: platform.root.repo(name)) {
            try FileManager.default.moveItem(atPath: platform.root.repo(name), toPath: platform.root.repo(newName))
        }
        if let live = try store.liveRelease(newName), live.image != nil {
            _ = try deployer.redeploy(app: newName, base: live, config: try store.config(newName), description: "Renamed from \(name)")
        }
        for c in try platform.cleanupDocker.listContainers(all: true, labels: [Labels.app: name]) {
            try platform.cleanupDocker.removeContainer(c.id, force: true)
        }
        AppNetwork.remove(app: name, platform: platform)
        try platform.proxy.remove(app: name)
    }
}
