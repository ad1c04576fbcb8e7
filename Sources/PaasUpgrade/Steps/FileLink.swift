import Foundation
import PaasSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Gives a file a second name: a hard link when both names are on one file system (a binary is
/// about 100 MB, and the upgrade replaces files by rename, never in place, so a link keeps the
/// old content), else a copy.
enum FileLink {
    static func linkOrCopy(from source: String, to destination: String) throws {
        if link(source, destination) == 0 { return }
        guard errno == EXDEV || errno == EPERM || errno == EMLINK else {
            throw FileError(path: destination, operation: "link \(source) to")
        }
        try FileTree.copy(from: source, to: destination)
    }
}
