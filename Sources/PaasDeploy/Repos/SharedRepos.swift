import AppSpec
import Foundation
import PaasGit
import PaasStore

/// Creates, links and removes shared repositories (`repos:*`), keeping the store and the bare
/// repositories on disk in step.
public struct SharedRepos {
    let platform: Platform

    /// Shared repositories on `platform`.
    public init(platform: Platform) { self.platform = platform }

    /// Creates the shared repository `name` and its bare repository with paas's hook.
    @discardableResult
    public func create(_ name: String) throws -> SharedRepo {
        let name = try AppName.validate(name)
        let repo = try platform.store.createRepo(name)
        try AppRepository.ensure(root: platform.root, app: name)
        return repo
    }

    /// Removes `name` and its stored history; refused while apps are linked.
    public func destroy(_ name: String) throws {
        try platform.store.deleteRepo(name)
        try AppRepository.remove(root: platform.root, app: name)
    }

    /// Links `app` to `repo`: it builds `path` (its build dir from now on) and also deploys
    /// when one of `watch` changes. Refused for an app linked to another repository and for
    /// paths outside the repository; the app's release history stays as it is.
    @discardableResult
    public func link(app: String, repo: String, path: String, watch: [String]) throws -> RepoLink {
        let store = try platform.store
        _ = try store.requireApp(app)
        _ = try store.requireRepo(repo)
        if let other = try store.link(app: app), other.repo != repo {
            throw StoreError.alreadyLinked(app: app, repo: other.repo)
        }
        let buildDir: String?
        do {
            buildDir = try BuilderSettings.normalize(buildDir: path)
        } catch {
            throw RepoError.pathOutside(path)
        }
        let watched = try watch.map { try Self.normalize(watch: $0) }
        let link = try store.link(app: app, repo: repo, watch: Array(Set(watched)).sorted())
        try AppSettings.write(Settings.builderBuildDir, buildDir, app: app, store: store)
        return link
    }

    /// Unlinks `app`: it deploys from its own repository again. Returns the repository it was
    /// linked to.
    public func unlink(app: String) throws -> String {
        guard let link = try platform.store.unlink(app: app) else { throw RepoError.notLinkedAnywhere(app) }
        return link.repo
    }

    /// The commit a `repos:deploy` deploys: the head of `main`, else `master`.
    public func head(_ repo: String) throws -> (commit: String, repository: GitRepository) {
        let repository = try GitRepository.open(at: platform.root.repo(repo))
        for branch in ["refs/heads/main", "refs/heads/master"] {
            if let commit = try? repository.commit(branch).id { return (commit, repository) }
        }
        throw RepoError.noHead(repo: repo)
    }

    /// `./lib/` → `lib`; throws for absolute paths and paths that climb out with "..".
    public static func normalize(watch: String) throws -> String {
        let parts = watch.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        guard !watch.hasPrefix("/"), !parts.contains(".."), !parts.isEmpty else { throw RepoError.watchOutside(watch) }
        return parts.joined(separator: "/")
    }
}
