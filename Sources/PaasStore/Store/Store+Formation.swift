import GRDB

extension Store {
    // MARK: - Formation

    /// Process type -> number of containers the app should run.
    public func formation(_ app: String) throws -> [String: Int] {
        try writer.read { db in
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT process, quantity FROM formation WHERE app = ?", arguments: [app])
            {
                result[row[0]] = row[1] as Int
            }
            return result
        }
    }

    /// Replaces the app's formation with `formation`.
    public func setFormation(_ app: String, _ formation: [String: Int]) throws {
        try writer.write { db in
            try Store.checkApp(db, app)
            try db.execute(sql: "DELETE FROM formation WHERE app = ?", arguments: [app])
            for (process, quantity) in formation {
                try db.execute(
                    sql: "INSERT INTO formation (app, process, quantity) VALUES (?, ?, ?)",
                    arguments: [app, process, quantity])
            }
        }
    }
}
