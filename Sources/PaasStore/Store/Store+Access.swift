import GRDB

extension Store {
    // MARK: - Who may do what

    /// What key `name` may do on `app` (nil: on the host only), in one read; nil when there is
    /// no such key.
    public func access(key name: String, app: String?) throws -> KeyAccess? {
        try writer.read { db in
            let sql =
                "SELECT k.role AS keyRole, g.role AS grant FROM sshKey k "
                + "LEFT JOIN appGrant g ON g.key = k.name AND g.app = ? WHERE k.name = ?"
            guard let row = try Row.fetchOne(db, sql: sql, arguments: [app, name]) else { return nil }
            let keyRole = KeyRole(rawValue: row["keyRole"] as String? ?? "") ?? .none
            return KeyAccess(keyRole: keyRole, grant: (row["grant"] as String?).flatMap(AccessRole.init(rawValue:)))
        }
    }

    /// Gives `key` `role` on `app`, replacing the role it had there.
    public func grant(app: String, key: String, role: AccessRole) throws {
        try writer.write { db in
            try Store.checkApp(db, app)
            guard try SSHKey.exists(db, key: key) else { throw StoreError.noSuchKey(key) }
            try AppGrant(app: app, key: key, role: role).save(db)
        }
    }

    /// Takes away what `key` had on `app`; throws `StoreError.noSuchGrant` when it had nothing.
    public func revoke(app: String, key: String) throws {
        try writer.write { db in
            try Store.checkApp(db, app)
            guard try AppGrant.deleteOne(db, key: ["app": app, "key": key]) else {
                throw StoreError.noSuchGrant(app: app, key: key)
            }
        }
    }

    /// The grants on `app` (every app when nil), by app then key.
    public func grants(app: String? = nil) throws -> [AppGrant] {
        try writer.read { db in
            var request = AppGrant.order(Column("app"), Column("key"))
            if let app { request = request.filter(Column("app") == app) }
            return try request.fetchAll(db)
        }
    }

    /// The apps key `name` has a grant on.
    public func grantedApps(key name: String) throws -> Set<String> {
        try writer.read { db in
            Set(try String.fetchAll(db, sql: "SELECT app FROM appGrant WHERE key = ?", arguments: [name]))
        }
    }
}
