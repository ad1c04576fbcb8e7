import AppSpec
import PaasGit

/// What a deploy needs from the pushed commit, read straight from git's object database.
struct SourceReader {
    /// The tree that is built (the build dir's, or the root's).
    let treeID: String
    /// Where the Dockerfile is, relative to the build dir.
    let dockerfilePath: String
    let procfile: Procfile?

    init(repository: GitRepository, commit: String, buildDir: String?, dockerfile: String = "Dockerfile") throws {
        let dir = buildDir.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? ""
        guard let tree = try repository.treeID(commit: commit, path: dir.isEmpty ? nil : dir) else {
            throw SourceError.noBuildDir(dir, commit: String(commit.prefix(7)))
        }
        treeID = tree
        func path(_ name: String) -> String { dir.isEmpty ? name : dir + "/" + name }
        guard try repository.readFile(commit: commit, path: path(dockerfile)) != nil else {
            throw SourceError.noDockerfile(path(dockerfile), commit: String(commit.prefix(7)))
        }
        dockerfilePath = dockerfile
        if let bytes = try repository.readFile(commit: commit, path: path("Procfile")) {
            procfile = try Procfile.parse(String(decoding: bytes, as: UTF8.self))
        } else {
            procfile = nil
        }
    }
}

/// The pushed source is not something paas can build.
public enum SourceError: Error, CustomStringConvertible {
    case noDockerfile(String, commit: String)
    case noBuildDir(String, commit: String)

    public var description: String {
        switch self {
        case .noDockerfile(let path, let commit):
            return "no \(path) in commit \(commit): paas builds an app from a Dockerfile at the root of the repository"
        case .noBuildDir(let dir, let commit):
            return "commit \(commit) has no directory '\(dir)' (the app's build dir); push a commit that has it or change the build dir"
        }
    }
}
