import GRDB

extension Store {
    // MARK: - Domains

    /// The app's domains, in the order they were added.
    public func domains(_ app: String) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM domain WHERE app = ? ORDER BY rowid", arguments: [app])
        }
    }

    /// Adds domains to the app; all or nothing. Throws `StoreError.domainTaken` when another
    /// app has one of them. Domains the app already has are kept as they are.
    public func addDomains(_ app: String, _ domains: [String]) throws {
        try writer.write { db in
            try Store.checkApp(db, app)
            try Store.checkFree(db, app, domains)
            for domain in domains {
                try db.execute(sql: "INSERT OR IGNORE INTO domain (name, app) VALUES (?, ?)", arguments: [domain, app])
            }
        }
    }

    /// Removes domains from the app; domains it does not have are ignored.
    public func removeDomains(_ app: String, _ domains: [String]) throws {
        try writer.write { db in
            try Store.checkApp(db, app)
            for domain in domains {
                try db.execute(sql: "DELETE FROM domain WHERE name = ? AND app = ?", arguments: [domain, app])
            }
        }
    }

    /// Replaces the app's domains with `domains`; all or nothing.
    public func setDomains(_ app: String, _ domains: [String]) throws {
        try writer.write { db in
            try Store.checkApp(db, app)
            try Store.checkFree(db, app, domains)
            try db.execute(sql: "DELETE FROM domain WHERE app = ?", arguments: [app])
            for domain in domains {
                try db.execute(sql: "INSERT OR IGNORE INTO domain (name, app) VALUES (?, ?)", arguments: [domain, app])
            }
        }
    }

    /// The app that has `domain`, or nil.
    public func appOwningDomain(_ domain: String) throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT app FROM domain WHERE name = ?", arguments: [domain])
        }
    }

    static func checkFree(_ db: Database, _ app: String, _ domains: [String]) throws {
        for domain in domains {
            if let owner = try String.fetchOne(db, sql: "SELECT app FROM domain WHERE name = ?", arguments: [domain]),
                owner != app
            {
                throw StoreError.domainTaken(domain, byApp: owner)
            }
        }
    }
}
