import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Copies folders the way an unprivileged user can: contents, permission bits and symlinks,
/// never ownership (FileManager's copy also tries to keep the owner, which fails unless root).
public enum FileTree {
    /// Copies the folder `source` to `destination`, which must not exist.
    public static func copy(from source: String, to destination: String) throws {
        var info = stat()
        guard lstat(source, &info) == 0 else { throw FileError(path: source, operation: "read") }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            guard mkdir(destination, info.st_mode & 0o7777 | 0o700) == 0 else {
                throw FileError(path: destination, operation: "create")
            }
            for name in try FileManager.default.contentsOfDirectory(atPath: source) {
                try copy(from: source + "/" + name, to: destination + "/" + name)
            }
            chmod(destination, info.st_mode & 0o7777)
        case S_IFLNK:
            let target = try FileManager.default.destinationOfSymbolicLink(atPath: source)
            guard symlink(target, destination) == 0 else { throw FileError(path: destination, operation: "link") }
        case S_IFREG:
            guard let data = FileManager.default.contents(atPath: source) else {
                throw FileError(path: source, operation: "read")
            }
            guard FileManager.default.createFile(atPath: destination, contents: data) else {
                throw FileError(path: destination, operation: "write")
            }
            chmod(destination, info.st_mode & 0o7777)
        default:
            throw FileError(path: source, operation: "copy", detail: "not a file, folder or symlink")
        }
    }
}
