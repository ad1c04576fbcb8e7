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

    /// A domain that is `domain` or below it (`x.domain`), with the app that has it; nil when
    /// no app has one.
    public func domainOwner(atOrBelow domain: String) throws -> (domain: String, app: String)? {
        try writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT name, app FROM domain WHERE name = ? OR substr(name, -?) = ? ORDER BY rowid LIMIT 1",
                arguments: [domain, domain.utf8.count + 1, "." + domain]
            ).map { (domain: $0["name"], app: $0["app"]) }
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
