import AppSpec
import DockerEngine
import Foundation
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
        try platform.fire("app-create", app: name)
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
        try platform.fire("app-destroy", app: name)
        let docker = platform.cleanupDocker
        for c in try docker.listContainers(all: true, labels: [Labels.app: name]) {
            try docker.removeContainer(c.id, force: true, volumes: true)
        }
        for image in try AppImages.list(app: name, docker: docker) {
            try docker.removeImage(image.id, force: true)
        }
        for volume in try docker.listVolumes(labels: [Labels.app: name]) {
            try docker.removeVolume(volume)
        }
        try platform.proxy.remove(app: name)
        CertStore(root: platform.root).removeApp(name)
        try AppRepository.remove(root: platform.root, app: name)
        try store.deleteApp(name)
    }
}
