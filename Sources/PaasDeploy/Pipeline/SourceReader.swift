import AppSpec
import PaasGit

/// What a deploy needs from the pushed commit, read straight from git's object database.
struct SourceReader {
    /// The tree that is built (the build dir's, or the root's).
    let treeID: String
    /// Where the Dockerfile is, relative to the build dir.
    let dockerfilePath: String
    let procfile: Procfile?
    /// app.json of the build dir, when there is one.
    let appJSON: AppJSON?

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
        appJSON = try Self.appJSON(repository: repository, commit: commit, path: path("app.json"))
    }

    /// Reads and parses app.json at `path` of `commit`; nil when there is none.
    static func appJSON(repository: GitRepository, commit: String, path: String) throws -> AppJSON? {
        guard let bytes = try repository.readFile(commit: commit, path: path) else { return nil }
        do {
            return try AppJSON.parse(bytes)
        } catch {
            throw SourceError.badFile(path, "\(error)")
        }
    }
}

/// The pushed source is not something paas can build.
public enum SourceError: Error, CustomStringConvertible {
    case noDockerfile(String, commit: String)
    case noBuildDir(String, commit: String)
    case badFile(String, String)

    public var description: String {
        switch self {
        case .noDockerfile(let path, let commit):
            return "no \(path) in commit \(commit): paas builds an app from a Dockerfile at the root of the repository"
        case .noBuildDir(let dir, let commit):
            return "commit \(commit) has no directory '\(dir)' (the app's build dir); push a commit that has it or change the build dir"
        case .badFile(let path, let detail):
            return detail.hasPrefix("app.json") && path != "app.json" ? "\(path): \(detail)" : detail
        }
    }
}
