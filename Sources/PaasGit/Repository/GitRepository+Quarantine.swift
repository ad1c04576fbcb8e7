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

    /// Keeps the objects of a push that the pre-receive hook is about to reject: links every file
    /// of the quarantine directory (`GIT_QUARANTINE_PATH`) into the repository's object directory,
    /// which git would otherwise delete with the quarantine. A shared repository's push that
    /// deployed some apps and failed others is rejected, and the deployed releases still name
    /// its commit: this keeps that commit readable (ps:rebuild, app.json health checks). The
    /// objects are unreferenced, so a `git gc` may prune them once they are old enough.
    public static func keepQuarantinedObjects(environment: [String: String]) throws {
        guard let quarantine = environment["GIT_QUARANTINE_PATH"], let real = realPath(quarantine) else { return }
        let objects = (real as NSString).deletingLastPathComponent
        let fm = FileManager.default
        guard let files = fm.enumerator(atPath: real)?.allObjects as? [String] else { return }
        // A pack's index last: git reads a pack only through its index.
        let ordered = files.filter { !$0.hasSuffix(".idx") } + files.filter { $0.hasSuffix(".idx") }
        for file in ordered {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: real + "/" + file, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let target = objects + "/" + file
            if fm.fileExists(atPath: target) { continue }
            try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try fm.linkItem(atPath: real + "/" + file, toPath: target)
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
