/// The inputs of a linked app in one commit: the tree of its build dir and the object of each
/// watched path, by path ("" is the repository root). Equal inputs mean nothing to deploy.
public enum AppInputs {
    /// What a watched path that is not in the commit records (so that adding it is a change).
    public static let absent = "absent"

    /// The inputs of an app building `buildDir` (nil: the root) and watching `watch` in `commit`.
    /// Throws `RepoError.noPath` when the build dir is not a directory of the commit.
    public static func read(
        _ lookup: some InputLookup, commit: String, buildDir: String?, watch: [String]
    ) throws -> [String: String] {
        guard let tree = try lookup.treeID(commit: commit, path: buildDir) else {
            throw RepoError.noPath(buildDir ?? "", commit: String(commit.prefix(7)))
        }
        var inputs = [buildDir ?? "": tree]
        for path in watch where inputs[path] == nil {
            inputs[path] = try lookup.objectID(commit: commit, path: path) ?? absent
        }
        return inputs
    }

    /// The paths whose objects differ between `old` and `new`, sorted.
    public static func changedPaths(from old: [String: String], to new: [String: String]) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.map { $0.isEmpty ? "/" : $0 }.sorted()
    }
}
