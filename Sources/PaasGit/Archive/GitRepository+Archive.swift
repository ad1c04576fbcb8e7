import CLibgit2
import PaasSupport

extension GitRepository {
    /// The tree `treeID` (40 hex) as a POSIX tar archive (ustar, with pax headers for long
    /// names), produced while the consumer reads. Directories, regular files (0755 when
    /// executable, 0644 otherwise) and symlinks are included; submodules are left out. Every
    /// member has the same fixed mtime so that equal trees give byte-identical archives.
    public func archive(treeID: String) throws -> ByteSource {
        guard let oid = git_oid.parse(treeID) else {
            throw GitError(operation: "cannot archive tree '\(treeID)'", message: "not a 40-hex object id")
        }
        let root = try withHandle { (repo) throws(GitError) in try TreeArchive.entries(of: oid, in: repo) }
        return TreeArchive(repository: self, rootEntries: root)
    }
}
