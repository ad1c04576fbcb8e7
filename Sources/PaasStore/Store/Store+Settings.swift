import GRDB

extension Store {
    // MARK: - Settings

    /// The app's setting `key` (app `""` = global settings), or nil.
    public func setting(_ app: String, _ key: String) throws -> String? {
        try writer.read { db in
            try String.fetchOne(
                db, sql: "SELECT value FROM setting WHERE scope = ? AND key = ?", arguments: [app, key])
        }
    }

    /// Sets the app's setting `key` to `value`; nil deletes it. The app must exist (except `""`).
    public func setSetting(_ app: String, _ key: String, _ value: String?) throws {
        try writer.write { db in
            if app != Store.globalSettings { try Store.checkApp(db, app) }
            if let value {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO setting (scope, key, value) VALUES (?, ?, ?)",
                    arguments: [app, key, value])
            } else {
                try db.execute(sql: "DELETE FROM setting WHERE scope = ? AND key = ?", arguments: [app, key])
            }
        }
    }

    /// All of the app's settings (app `""` = global settings).
    public func settings(_ app: String) throws -> [String: String] {
        try writer.read { db in
            try Store.pairs(db, sql: "SELECT key, value FROM setting WHERE scope = ?", scope: app)
        }
    }

    static func pairs(_ db: Database, sql: String, scope: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: [scope]) {
            result[row[0]] = row[1] as String
        }
        return result
    }
}
