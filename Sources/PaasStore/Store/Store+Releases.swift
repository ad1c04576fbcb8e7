import Foundation
import GRDB

extension Store {
    // MARK: - Releases

    /// Records a release with the app's next version number and, when `config` is non-nil,
    /// replaces the app's own config vars with it, in one transaction.
    ///
    /// Version numbers are 1, 2, 3… per app, strictly increasing across processes and never
    /// reused. The release is not live until `setLive`.
    @discardableResult
    public func recordRelease(_ draft: ReleaseDraft, config: [String: String]?) throws -> Release {
        try writer.write { db in
            let release = try Store.recordRelease(db, draft)
            if let config { try Store.replaceConfig(db, draft.app, with: config) }
            return release
        }
    }

    /// The app's releases, newest first; at most `limit` of them.
    public func releases(_ app: String, limit: Int? = nil) throws -> [Release] {
        try writer.read { db in
            let request = Release.filter(Column("app") == app).order(Column("version").desc)
            if let limit { return try request.limit(max(limit, 0)).fetchAll(db) }
            return try request.fetchAll(db)
        }
    }

    /// The app's release `version`, or nil.
    public func release(_ app: String, version: Int) throws -> Release? {
        try writer.read { db in
            try Release.fetchOne(db, key: ["app": app.databaseValue, "version": version.databaseValue])
        }
    }

    /// The release marked live, or nil when none is.
    public func liveRelease(_ app: String) throws -> Release? {
        try writer.read { db in
            try Release.filter(Column("app") == app && Column("live") == true).fetchOne(db)
        }
    }

    /// Marks release `version` as the live one (and no other).
    public func setLive(_ app: String, version: Int) throws {
        try writer.write { db in
            try Store.checkApp(db, app)
            guard try Release.exists(db, key: ["app": app.databaseValue, "version": version.databaseValue]) else {
                throw StoreError.noSuchRelease(app: app, version: version)
            }
            try db.execute(
                sql: "UPDATE \"release\" SET live = (version = ?) WHERE app = ?", arguments: [version, app])
        }
    }

    /// The number the next recorded release of `app` gets (callers that need it in advance hold
    /// the app's deploy lock, so nobody records in between).
    public func nextVersion(_ app: String) throws -> Int {
        try writer.read { db in
            guard let last = try Int.fetchOne(db, sql: "SELECT lastVersion FROM app WHERE name = ?", arguments: [app]) else {
                throw StoreError.noSuchApp(app)
            }
            return last + 1
        }
    }

    /// Marks the containers of release `version` as made by deploy `deployID` (a restart
    /// replaces a release's containers without making a new release).
    public func setDeployID(_ app: String, version: Int, deployID: String) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE \"release\" SET deployID = ? WHERE app = ? AND version = ?", arguments: [deployID, app, version])
            guard db.changesCount == 1 else { throw StoreError.noSuchRelease(app: app, version: version) }
        }
    }

    /// Records how long the phases of the deploy that made release `version` took.
    public func setTimings(_ app: String, version: Int, _ timings: PhaseTimings) throws {
        try writer.write { db in
            let key = ["app": app.databaseValue, "version": version.databaseValue]
            guard var release = try Release.fetchOne(db, key: key) else {
                throw StoreError.noSuchRelease(app: app, version: version)
            }
            release.timings = timings
            try release.update(db, columns: ["timings"])
        }
    }

    static func recordRelease(_ db: Database, _ draft: ReleaseDraft) throws -> Release {
        try db.execute(sql: "UPDATE app SET lastVersion = lastVersion + 1 WHERE name = ?", arguments: [draft.app])
        guard db.changesCount == 1,
            let version = try Int.fetchOne(db, sql: "SELECT lastVersion FROM app WHERE name = ?", arguments: [draft.app])
        else { throw StoreError.noSuchApp(draft.app) }
        let release = Release(draft, version: version)
        try release.insert(db)
        return release
    }
}
