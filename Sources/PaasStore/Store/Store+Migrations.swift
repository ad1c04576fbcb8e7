import GRDB

extension Store {
    /// The schema's history. Append new migrations; never edit one that has shipped.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: apps, settings, config, formation, releases, domains, keys") { db in
            try db.create(table: "app") { t in
                t.primaryKey("name", .text)
                t.column("createdAt", .datetime).notNull()
                // The last release number handed out; survives failed deploys so numbers are never reused.
                t.column("lastVersion", .integer).notNull().defaults(to: 0)
            }
            // Settings and config are keyed by a scope that may be a pseudo-app ("" or "--global"),
            // so they carry no foreign key; deleteApp and renameApp maintain them.
            try db.create(table: "setting") { t in
                t.column("scope", .text).notNull()
                t.column("key", .text).notNull()
                t.column("value", .text).notNull()
                t.primaryKey(["scope", "key"])
            }
            // Values are UTF-8 bytes in a BLOB: SQLite text would cut them at a NUL.
            try db.create(table: "configVar") { t in
                t.column("scope", .text).notNull()
                t.column("key", .text).notNull()
                t.column("value", .blob).notNull()
                t.primaryKey(["scope", "key"])
            }
            try db.create(table: "formation") { t in
                t.column("app", .text).notNull()
                    .references("app", onDelete: .cascade, onUpdate: .cascade)
                t.column("process", .text).notNull()
                t.column("quantity", .integer).notNull()
                t.primaryKey(["app", "process"])
            }
            try db.create(table: "release") { t in
                t.column("app", .text).notNull()
                    .references("app", onDelete: .cascade, onUpdate: .cascade)
                t.column("version", .integer).notNull()
                t.column("image", .text)
                t.column("config", .jsonText).notNull()
                t.column("formation", .jsonText).notNull()
                t.column("processes", .jsonText).notNull()
                t.column("sourceCommit", .text)
                t.column("tree", .text)
                t.column("buildDir", .text)
                t.column("description", .text).notNull()
                t.column("createdBy", .text).notNull()
                t.column("deployID", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("live", .boolean).notNull().defaults(to: false)
                t.primaryKey(["app", "version"])
            }
            try db.create(table: "domain") { t in
                t.primaryKey("name", .text)
                t.column("app", .text).notNull().indexed()
                    .references("app", onDelete: .cascade, onUpdate: .cascade)
            }
            try db.create(table: "sshKey") { t in
                t.primaryKey("name", .text)
                t.column("fingerprint", .text).notNull().unique()
                t.column("publicKey", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v2: release timings") { db in
            try db.alter(table: "release") { t in
                // PhaseTimings as a JSON object of milliseconds by phase; NULL for older releases.
                t.add(column: "timings", .jsonText)
            }
        }
        return migrator
    }
}
