import Foundation
import GRDB

extension Store {
    // MARK: - Config vars

    /// The app's own config vars; `Store.globalScope` gives the global vars.
    public func config(_ app: String) throws -> [String: String] {
        try writer.read { try Store.config($0, app) }
    }

    /// The vars the app runs with: global vars overlaid by the app's own.
    public func mergedConfig(_ app: String) throws -> [String: String] {
        try writer.read { try Store.mergedConfig($0, app) }
    }

    /// Replaces all of the app's own config vars (or the global ones) with `vars`.
    ///
    /// Prefer `recordRelease(_:config:)` or `updateConfig` when the change makes a release.
    public func replaceConfig(_ app: String, with vars: [String: String]) throws {
        try writer.write { try Store.replaceConfig($0, app, with: vars) }
    }

    /// Changes the app's own vars (or the global ones) and records the release that
    /// `makeRelease` builds from them, in ONE transaction, so that concurrent `config:set`
    /// processes never lose each other's changes.
    ///
    /// - Parameters:
    ///   - change: edits the current vars in place.
    ///   - makeRelease: gets the new own vars and the new merged vars; returns the release to
    ///     record, or nil for none (e.g. global vars, or an app never deployed).
    /// - Returns: the recorded release, if any.
    @discardableResult
    public func updateConfig(
        _ app: String,
        _ change: (inout [String: String]) throws -> Void,
        release makeRelease: (_ own: [String: String], _ merged: [String: String]) throws -> ReleaseDraft? = { _, _ in nil }
    ) throws -> Release? {
        try writer.write { db in
            var vars = try Store.config(db, app)
            try change(&vars)
            try Store.replaceConfig(db, app, with: vars)
            guard let draft = try makeRelease(vars, Store.mergedConfig(db, app)) else { return nil }
            return try Store.recordRelease(db, draft)
        }
    }

    static func config(_ db: Database, _ scope: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM configVar WHERE scope = ?", arguments: [scope]) {
            result[row[0]] = String(decoding: row[1] as Data, as: UTF8.self)
        }
        return result
    }

    static func mergedConfig(_ db: Database, _ app: String) throws -> [String: String] {
        try config(db, globalScope).merging(config(db, app)) { _, own in own }
    }

    static func replaceConfig(_ db: Database, _ scope: String, with vars: [String: String]) throws {
        if scope != globalScope { try checkApp(db, scope) }
        try db.execute(sql: "DELETE FROM configVar WHERE scope = ?", arguments: [scope])
        for (key, value) in vars {
            try db.execute(
                sql: "INSERT INTO configVar (scope, key, value) VALUES (?, ?, ?)", arguments: [scope, key, Data(value.utf8)])
        }
    }
}
