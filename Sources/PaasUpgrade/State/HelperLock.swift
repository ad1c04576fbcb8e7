import Foundation
import PaasSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The flock(2) on `upgrade/lock` held by the process that acts on an upgrade (the helper, or
/// the process completing an interrupted rollback). The kernel drops it when that process dies,
/// however it dies: a gate that is up with this lock free means its helper is gone.
public final class HelperLock {
    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// Takes the lock if it is free; nil when another process holds it.
    public static func take(_ paths: UpgradePaths) throws -> HelperLock? {
        try FileManager.default.createDirectory(atPath: paths.directory, withIntermediateDirectories: true)
        let fd = open(paths.lock, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError(path: paths.lock, operation: "open") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        return HelperLock(fd: fd)
    }

    /// Whether some process holds the lock now. Read-only: the file belongs to root (the
    /// helper), and any paas user must be able to ask.
    public static func isHeld(_ paths: UpgradePaths) -> Bool {
        let fd = open(paths.lock, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return true
    }
}
