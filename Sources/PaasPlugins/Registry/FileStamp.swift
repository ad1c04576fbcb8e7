#if canImport(Glibc)
    import Glibc
#endif

/// What tells that a file changed without reading it: inode, size and modification time.
struct FileStamp: Codable, Sendable, Equatable {
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int

    /// The stamp of `path` (symlinks followed); a zero stamp when it does not exist.
    init(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            self.init(inode: 0, size: -1, seconds: 0, nanoseconds: 0)
            return
        }
        self.init(
            inode: UInt64(info.st_ino), size: Int64(info.st_size), seconds: Int(info.st_mtim.tv_sec),
            nanoseconds: Int(info.st_mtim.tv_nsec))
    }

    init(inode: UInt64, size: Int64, seconds: Int, nanoseconds: Int) {
        self.inode = inode
        self.size = size
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }
}
