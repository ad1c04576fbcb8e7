import Foundation
import GRDB

extension Store {
    // MARK: - Shared repositories

    /// Creates the shared repository `name`; refused when an app or a repository has the name.
    @discardableResult
    public func createRepo(_ name: String) throws -> SharedRepo {
        try writer.write { db in
            if try SharedRepo.exists(db, key: name) { throw StoreError.repoExists(name) }
            if try App.exists(db, key: name) { throw StoreError.repoNameIsApp(name) }
            let repo = SharedRepo(name: name)
            try repo.insert(db)
            return repo
        }
    }

    /// The shared repository `name`, or nil.
    public func repo(_ name: String) throws -> SharedRepo? {
        try writer.read { try SharedRepo.fetchOne($0, key: name) }
    }

    /// The shared repository `name`; throws `StoreError.noSuchRepo` when there is none.
    public func requireRepo(_ name: String) throws -> SharedRepo {
        guard let repo = try repo(name) else { throw StoreError.noSuchRepo(name) }
        return repo
    }

    /// All shared repositories, by name.
    public func repos() throws -> [SharedRepo] {
        try writer.read { try SharedRepo.order(Column("name")).fetchAll($0) }
    }

    /// Deletes the shared repository `name`; refused while apps are linked to it.
    public func deleteRepo(_ name: String) throws {
        try writer.write { db in
            guard try SharedRepo.exists(db, key: name) else { throw StoreError.noSuchRepo(name) }
            let linked = try String.fetchAll(
                db, sql: "SELECT app FROM repoLink WHERE repo = ? ORDER BY app", arguments: [name])
            if !linked.isEmpty { throw StoreError.repoInUse(name, apps: linked) }
            try SharedRepo.deleteOne(db, key: name)
        }
    }

    /// Sets how many apps a push to `name` deploys at once (nil: the core count).
    public func setRepoParallel(_ name: String, _ parallel: Int?) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE sharedRepo SET parallel = ? WHERE name = ?", arguments: [parallel, name])
            guard db.changesCount == 1 else { throw StoreError.noSuchRepo(name) }
        }
    }

    // MARK: - Links

    /// Links `app` to `repo` watching `watch`; relinking to the same repo replaces the watch
    /// paths, linking to another one is refused naming it.
    @discardableResult
    public func link(app: String, repo: String, watch: [String]) throws -> RepoLink {
        try writer.write { db in
            try Store.checkApp(db, app)
            guard try SharedRepo.exists(db, key: repo) else { throw StoreError.noSuchRepo(repo) }
            if let existing = try RepoLink.fetchOne(db, key: app), existing.repo != repo {
                throw StoreError.alreadyLinked(app: app, repo: existing.repo)
            }
            let link = RepoLink(app: app, repo: repo, watch: watch)
            try link.save(db)
            return link
        }
    }

    /// Unlinks `app`; returns the link it had, or nil.
    @discardableResult
    public func unlink(app: String) throws -> RepoLink? {
        try writer.write { db in
            try Store.checkApp(db, app)
            guard let link = try RepoLink.fetchOne(db, key: app) else { return nil }
            try RepoLink.deleteOne(db, key: app)
            return link
        }
    }

    /// The link of `app`, or nil when it has its own repository.
    public func link(app: String) throws -> RepoLink? {
        try writer.read { try RepoLink.fetchOne($0, key: app) }
    }

    /// The apps linked to `repo`, by app name.
    public func links(repo: String) throws -> [RepoLink] {
        try writer.read { db in
            try RepoLink.filter(Column("repo") == repo).order(Column("app")).fetchAll(db)
        }
    }
}
