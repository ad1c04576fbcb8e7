import Foundation
import PaasSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The helper runs as root, but paas works as the user owning the state root: whatever the
/// helper writes there must belong to that user again.
enum Ownership {
    /// Gives `path` (and everything below it when `recursive`) to the owner of the state root.
    static func adopt(_ path: String, root: StateRoot, recursive: Bool = false) {
        guard geteuid() == 0 else { return }
        var info = stat()
        guard stat(root.path, &info) == 0, info.st_uid != 0 else { return }
        lchown(path, info.st_uid, info.st_gid)
        guard recursive, let walker = FileManager.default.enumerator(atPath: path) else { return }
        while let relative = walker.nextObject() as? String {
            lchown(path + "/" + relative, info.st_uid, info.st_gid)
        }
    }

    /// The database and its WAL files, which opening it as root may have created.
    static func adoptDatabase(root: StateRoot) {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: root.database + suffix) {
            adopt(root.database + suffix, root: root)
        }
    }
}
