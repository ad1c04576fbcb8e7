import AppSpec
import PaasGit

/// What a deploy needs from the pushed commit, read straight from git's object database: the
/// build dir's tree, how to build it, its Procfile and app.json.
struct SourceReader {
    /// The tree that is built (the build dir's, or the root's).
    let treeID: String
    /// How it is built.
    let kind: BuilderSettings.Kind
    /// Where the Dockerfile is, relative to the build dir (Dockerfile builds).
    let dockerfilePath: String
    let procfile: Procfile?
    let appJSON: AppJSON?

    init(repository: GitRepository, commit: String, builder: BuilderSettings) throws {
        let dir = builder.buildDir ?? ""
        guard let tree = try repository.treeID(commit: commit, path: dir.isEmpty ? nil : dir) else {
            throw SourceError.noBuildDir(dir, commit: String(commit.prefix(7)))
        }
        treeID = tree
        kind = try builder.kind(repository: repository, commit: commit)
        dockerfilePath = builder.dockerfile
        if kind == .dockerfile, try repository.readFile(commit: commit, path: builder.path(builder.dockerfile)) == nil {
            throw SourceError.noDockerfile(builder.path(builder.dockerfile), commit: String(commit.prefix(7)))
        }
        if let bytes = try repository.readFile(commit: commit, path: builder.path("Procfile")) {
            do {
                procfile = try Procfile.parse(String(decoding: bytes, as: UTF8.self))
            } catch {
                throw SourceError.badFile(builder.path("Procfile"), "\(error)")
            }
        } else {
            procfile = nil
        }
        appJSON = try AppJSONLoader.load(repository: repository, commit: commit, buildDir: builder.buildDir)
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
            return "no \(path) in commit \(commit): the app is set to build from a Dockerfile "
                + "(builder:set APP selected image builds without one)"
        case .noBuildDir(let dir, let commit):
            return "commit \(commit) has no directory '\(dir)' (the app's build dir); push a commit that has it or change it with builder:set APP build-dir"
        case .badFile(let path, let detail):
            return detail.hasPrefix(path) ? detail : "\(path): \(detail)"
        }
    }
}
