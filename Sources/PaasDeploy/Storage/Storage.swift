import Foundation
import PaasStore
import PaasSupport

/// Persistent storage: folders under the state root's storage folder, mounted into an app's
/// containers (deploys, restarts, release tasks and runs; never builds). No other host path
/// can be mounted this way.
public struct Storage {
    let root: StateRoot

    /// Storage under `root`.
    public init(root: StateRoot) { self.root = root }

    /// The host folder of storage `name`.
    public func directory(_ name: String) -> String { root.storage + "/" + name }

    /// Creates storage folder `name` (mode 0755) if missing; returns its host path.
    @discardableResult
    public func ensureDirectory(_ name: String) throws -> String {
        try StorageMount.validate(name: name)
        let fm = FileManager.default
        try fm.createDirectory(atPath: root.storage, withIntermediateDirectories: true)
        let path = directory(name)
        if !fm.fileExists(atPath: path) {
            try fm.createDirectory(
                atPath: path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        }
        _ = try checkedDirectory(name)
        return path
    }

    /// The mounts of `app`.
    public func mounts(app: String, store: Store) throws -> [StorageMount] {
        try AppSettings.value(Settings.storageMounts, app: app, store: store)
    }

    /// Adds `mount` to `app` (from the next deploy or restart on); its folder must exist.
    public func mount(_ mount: StorageMount, app: String, store: Store) throws {
        _ = try store.requireApp(app)
        _ = try checkedDirectory(mount.name)
        var mounts = try mounts(app: app, store: store)
        if mounts.contains(mount) { return }
        if mounts.contains(where: { $0.containerPath == mount.containerPath }) {
            throw StorageError.alreadyMounted(mount.containerPath, app: app)
        }
        mounts.append(mount)
        try AppSettings.write(Settings.storageMounts, mounts, app: app, store: store)
    }

    /// Removes `mount` from `app`.
    public func unmount(_ mount: StorageMount, app: String, store: Store) throws {
        _ = try store.requireApp(app)
        var mounts = try mounts(app: app, store: store)
        guard let index = mounts.firstIndex(of: mount) else {
            throw StorageError.notMounted(mount.description, app: app)
        }
        mounts.remove(at: index)
        try AppSettings.write(Settings.storageMounts, mounts, app: app, store: store)
    }

    /// Docker binds (`HOST:CONTAINER`) for the mounts of `app`, each folder checked again to be a
    /// real directory under the storage folder (no symlink out of it).
    public func binds(app: String, store: Store) throws -> [String] {
        try mounts(app: app, store: store).map { "\(try checkedDirectory($0.name)):\($0.containerPath)" }
    }

    /// The host path of storage `name`, resolved; throws unless it is a directory inside the storage folder.
    func checkedDirectory(_ name: String) throws -> String {
        try StorageMount.validate(name: name)
        let path = directory(name)
        var info = stat()
        guard lstat(path, &info) == 0 else { throw StorageError.noDirectory(name) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw StorageError.notInside(name) }
        let base = URL(fileURLWithPath: root.storage).resolvingSymlinksInPath().path
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard resolved == base + "/" + name else { throw StorageError.notInside(name) }
        return resolved
    }
}
