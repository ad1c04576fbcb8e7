import CLibgit2
import Foundation

extension GitRepository {
    /// Records the object directory and makes objects in a pre-receive quarantine visible.
    ///
    /// During a push, `git-receive-pack` writes the new objects to `objects/tmp_objdir-incoming-*`
    /// and runs the hook with `GIT_OBJECT_DIRECTORY` pointing there and the real object directory
    /// in `GIT_ALTERNATE_OBJECT_DIRECTORIES`. We add such directories as alternates, but only those
    /// inside this repository's own object directory. That is narrower than
    /// `GIT_REPOSITORY_OPEN_FROM_ENV`, which would replace the object database with whatever the
    /// environment names even when it belongs to another repository, and would search upwards
    /// from `path` for a repository.
    func setUpObjectDirectories(from environment: [String: String]) throws {
        var candidates: [String] = []
        for key in ["GIT_QUARANTINE_PATH", "GIT_OBJECT_DIRECTORY"] {
            if let value = environment[key], !value.isEmpty { candidates.append(value) }
        }
        if let alternates = environment["GIT_ALTERNATE_OBJECT_DIRECTORIES"] {
            candidates += alternates.split(separator: ":").map(String.init)
        }
        try withHandle { (repo) throws(GitError) in
            guard let gitDir = paas_git_repository_path(repo),
                let objects = Self.realPath(String(cString: gitDir) + "objects")
            else { return }
            looseObjectDirectories = [objects]
            var added: Set<String> = []
            for candidate in candidates {
                guard let real = Self.realPath(candidate), real.hasPrefix(objects + "/"),
                    added.insert(real).inserted
                else { continue }
                var odb: OpaquePointer?
                try gitCheck(paas_git_repository_odb(&odb, repo), "cannot read objects of \(path)")
                defer { paas_git_odb_free(odb) }
                try gitCheck(
                    paas_git_odb_add_disk_alternate(odb, real),
                    "cannot add quarantined objects at \(real) to \(path)")
                looseObjectDirectories.insert(real, at: looseObjectDirectories.count - 1)
            }
        }
    }

    /// The canonical absolute form of `path` (relative paths resolve against the working
    /// directory, as git's own do), or nil if it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
