import PaasGit

/// Reads git object ids by path from a commit without reading any file: what deciding which
/// linked apps changed needs. `GitRepository` is the real one; tests use a dictionary.
public protocol InputLookup {
    /// The id of the tree at `path` in `commit` (nil or "" for the root), nil when none is there.
    func treeID(commit: String, path: String?) throws -> String?
    /// The id of whatever is at `path` in `commit` (tree or file), nil when nothing is there.
    func objectID(commit: String, path: String) throws -> String?
}

extension GitRepository: InputLookup {}
