import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs `body` holding an exclusive flock(2) on `path` (made 0600, its folder 0700), so that two
/// paas commands do not make the CA, or start the registry, at the same moment.
func withSetupLock<T>(_ path: String, _ body: () throws(RegistryError) -> T) throws(RegistryError) -> T {
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .file("cannot open \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    while flock(fd, LOCK_EX) != 0 {
        guard errno == EINTR else { throw .file("cannot lock \(path): \(String(cString: strerror(errno)))") }
    }
    defer { flock(fd, LOCK_UN) }
    return try body()
}
