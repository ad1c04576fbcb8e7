import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive `flock` on a file: plugin runs for different apps change shared maps, so they
/// take turns.
final class FileLock {
    private let fd: Int32

    /// Waits until the lock on `path` is held.
    init(path: String) throws {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw HAProxyPluginError.file("cannot open \(path): \(String(cString: strerror(errno)))") }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(fd)
                throw HAProxyPluginError.file("cannot lock \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    deinit { close(fd) }
}
