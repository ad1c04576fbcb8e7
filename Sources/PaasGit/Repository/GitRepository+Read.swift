import CLibgit2

extension GitRepository {
    // MARK: - Public reads

    /// The commit that `rev` names: a 40-hex id or a ref name (`main`, `refs/heads/main`).
    public func commit(_ rev: String) throws -> GitCommitInfo {
        try withHandle { (repo) throws(GitError) in
            let commit = try Self.lookupCommit(rev, in: repo)
            defer { paas_git_commit_free(commit) }
            let author = paas_git_commit_author(commit)!.pointee
            return GitCommitInfo(
                id: paas_git_commit_id(commit)!.pointee.hex,
                treeID: paas_git_commit_tree_id(commit)!.pointee.hex,
                summary: paas_git_commit_summary(commit).map { String(cString: $0) } ?? "",
                author: "\(String(cString: author.name)) <\(String(cString: author.email))>")
        }
    }

    /// The id of the tree at `path` in `commit` ("services/api"; nil or "" for the root), or nil
    /// when nothing is there or it is not a directory.
    public func treeID(commit: String, path: String?) throws -> String? {
        try withHandle { (repo) throws(GitError) in
            let commitPointer = try Self.lookupCommit(commit, in: repo)
            defer { paas_git_commit_free(commitPointer) }
            guard let components = Self.components(of: path ?? "") else { return nil }
            if components.isEmpty { return paas_git_commit_tree_id(commitPointer)!.pointee.hex }
            guard let entry = try Self.entry(at: components, commit: commitPointer, rev: commit)
            else { return nil }
            defer { paas_git_tree_entry_free(entry) }
            guard paas_git_tree_entry_type(entry) == GIT_OBJECT_TREE else { return nil }
            return paas_git_tree_entry_id(entry)!.pointee.hex
        }
    }

    /// The id of whatever is at `path` in `commit` (a tree, a file, a link; "" for the root tree),
    /// or nil when nothing is there or the path climbs out with "..". Reads no file content.
    public func objectID(commit: String, path: String) throws -> String? {
        try withHandle { (repo) throws(GitError) in
            let commitPointer = try Self.lookupCommit(commit, in: repo)
            defer { paas_git_commit_free(commitPointer) }
            guard let components = Self.components(of: path) else { return nil }
            if components.isEmpty { return paas_git_commit_tree_id(commitPointer)!.pointee.hex }
            guard let entry = try Self.entry(at: components, commit: commitPointer, rev: commit)
            else { return nil }
            defer { paas_git_tree_entry_free(entry) }
            return paas_git_tree_entry_id(entry)!.pointee.hex
        }
    }

    /// The bytes of the regular file at `path` in `commit`, or nil when nothing is there or it is
    /// not a regular file (a directory, a symlink, a submodule). The whole file is read into
    /// memory: meant for small files such as `Procfile`, `app.json` or `Dockerfile`, so a file
    /// over `limit` bytes is refused (`FileTooLarge`) by its size in the object header, unread.
    public func readFile(commit: String, path: String, limit: Int = GitRepository.smallFileLimit) throws -> [UInt8]? {
        var tooLarge: Int?
        let bytes = try withHandle { (repo) throws(GitError) -> [UInt8]? in
            let commitPointer = try Self.lookupCommit(commit, in: repo)
            defer { paas_git_commit_free(commitPointer) }
            guard let components = Self.components(of: path), !components.isEmpty,
                let entry = try Self.entry(at: components, commit: commitPointer, rev: commit)
            else { return nil }
            defer { paas_git_tree_entry_free(entry) }
            let mode = paas_git_tree_entry_filemode(entry)
            guard mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE else { return nil }
            let id = paas_git_tree_entry_id(entry)!
            let size = try Self.objectSize(id, in: repo)
            if size > limit {
                tooLarge = size
                return nil
            }
            return try Self.blobBytes(id, in: repo)
        }
        if let tooLarge { throw FileTooLarge(path: path, size: tooLarge, limit: limit) }
        return bytes
    }

    // MARK: - Helpers (callers hold the lock)

    /// Resolves `rev` and peels it to a commit; the caller frees it with `git_commit_free`.
    static func lookupCommit(_ rev: String, in repo: OpaquePointer) throws(GitError) -> OpaquePointer {
        var object: OpaquePointer?
        try gitCheck(paas_git_revparse_single(&object, repo, rev), "cannot find commit '\(rev)'")
        defer { paas_git_object_free(object) }
        var commit: OpaquePointer?
        try gitCheck(paas_git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "'\(rev)' is not a commit")
        return commit!
    }

    /// The size of object `id` from its header, without reading its content.
    static func objectSize(_ id: UnsafePointer<git_oid>, in repo: OpaquePointer) throws(GitError) -> Int {
        var odb: OpaquePointer?
        try gitCheck(paas_git_repository_odb(&odb, repo), "cannot open the object database")
        defer { paas_git_odb_free(odb) }
        var size = 0
        var type = GIT_OBJECT_ANY
        try gitCheck(paas_git_odb_read_header(&size, &type, odb, id), "cannot read object \(id.pointee.hex)")
        return size
    }

    /// The whole content of the blob `id`.
    static func blobBytes(_ id: UnsafePointer<git_oid>, in repo: OpaquePointer) throws(GitError) -> [UInt8] {
        var blob: OpaquePointer?
        try gitCheck(paas_git_blob_lookup(&blob, repo, id), "cannot read blob \(id.pointee.hex)")
        defer { paas_git_blob_free(blob) }
        let size = Int(paas_git_blob_rawsize(blob))
        guard size > 0, let content = paas_git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: content, count: size))
    }

    /// The tree entry at `components` below the commit's root, or nil if there is none; the
    /// caller frees it with `git_tree_entry_free`.
    private static func entry(
        at components: [Substring], commit: OpaquePointer, rev: String
    ) throws(GitError) -> OpaquePointer? {
        var root: OpaquePointer?
        try gitCheck(paas_git_commit_tree(&root, commit), "cannot read the tree of commit '\(rev)'")
        defer { paas_git_tree_free(root) }
        var entry: OpaquePointer?
        let code = paas_git_tree_entry_bypath(&entry, root, components.joined(separator: "/"))
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try gitCheck(code, "cannot look up '\(components.joined(separator: "/"))' in commit '\(rev)'")
        return entry
    }

    /// The path split into names, without empty and "." parts; nil if it climbs with "..".
    private static func components(of path: String) -> [Substring]? {
        let parts = path.split(separator: "/").filter { $0 != "." }
        return parts.contains("..") ? nil : parts
    }
}
