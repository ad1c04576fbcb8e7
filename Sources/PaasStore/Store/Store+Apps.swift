import Foundation
import GRDB

extension Store {
    // MARK: - Apps

    /// Creates the app `name`; throws `StoreError.appExists` when it is taken.
    @discardableResult
    public func createApp(_ name: String) throws -> App {
        try writer.write { db in
            if try App.exists(db, key: name) { throw StoreError.appExists(name) }
            if try SharedRepo.exists(db, key: name) { throw StoreError.appNameIsRepo(name) }
            let app = App(name: name)
            try app.insert(db)
            return app
        }
    }

    /// The app `name`, or nil.
    public func app(_ name: String) throws -> App? {
        // Plain row access: decoding through Codable costs a read command milliseconds at start.
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT name, createdAt FROM app WHERE name = ?", arguments: [name]).map {
                App(name: $0["name"], createdAt: $0["createdAt"])
            }
        }
    }

    /// The app `name`; throws `StoreError.noSuchApp` when there is none.
    public func requireApp(_ name: String) throws -> App {
        guard let app = try app(name) else { throw StoreError.noSuchApp(name) }
        return app
    }

    /// All apps, by name.
    public func apps() throws -> [App] {
        try writer.read { try App.order(Column("name")).fetchAll($0) }
    }

    /// Deletes the app and everything of it: settings, config, formation, releases, domains.
    public func deleteApp(_ name: String) throws {
        try writer.write { db in
            try Store.checkApp(db, name)
            // formation, release and domain rows follow by ON DELETE CASCADE.
            try App.deleteOne(db, key: name)
            try db.execute(sql: "DELETE FROM configVar WHERE scope = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM setting WHERE scope = ?", arguments: [name])
        }
    }

    /// Renames an app with everything it has; release images `paas/OLD:vN` become `paas/NEW:vN`.
    public func renameApp(_ name: String, to newName: String) throws {
        try writer.write { db in
            try Store.checkApp(db, name)
            if try App.exists(db, key: newName) { throw StoreError.appExists(newName) }
            if try SharedRepo.exists(db, key: newName) { throw StoreError.appNameIsRepo(newName) }
            // formation, release and domain rows follow by ON UPDATE CASCADE.
            try db.execute(sql: "UPDATE app SET name = ? WHERE name = ?", arguments: [newName, name])
            try db.execute(sql: "UPDATE configVar SET scope = ? WHERE scope = ?", arguments: [newName, name])
            try db.execute(sql: "UPDATE setting SET scope = ? WHERE scope = ?", arguments: [newName, name])
            // Images are tagged paas/APP:vN and are retagged with the app.
            let old = "paas/\(name):"
            try db.execute(
                sql: "UPDATE \"release\" SET image = ? || substr(image, ?) WHERE app = ? AND substr(image, 1, ?) = ?",
                arguments: ["paas/\(newName):", old.count + 1, newName, old.count, old])
        }
    }

    /// Throws `StoreError.noSuchApp` unless the app exists.
    static func checkApp(_ db: Database, _ name: String) throws {
        guard try App.exists(db, key: name) else { throw StoreError.noSuchApp(name) }
    }
}
