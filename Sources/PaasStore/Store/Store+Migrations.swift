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
        migrator.registerMigration("access: key roles and app grants") { db in
            // Every key was an administrator before roles existed: keep it so.
            try db.alter(table: "sshKey") { t in t.add(column: "role", .text).notNull().defaults(to: "none") }
            try db.execute(sql: "UPDATE sshKey SET role = 'admin'")
            try db.create(table: "appGrant") { t in
                t.column("app", .text).notNull().references("app", onDelete: .cascade, onUpdate: .cascade)
                t.column("key", .text).notNull().indexed().references("sshKey", onDelete: .cascade)
                t.column("role", .text).notNull()
                t.primaryKey(["app", "key"])
            }
        }
        migrator.registerMigration("v3: shared repositories") { db in
            try db.create(table: "sharedRepo") { t in
                t.primaryKey("name", .text)
                t.column("createdAt", .datetime).notNull()
                // How many linked apps a push deploys at once; NULL: the core count.
                t.column("parallel", .integer)
            }
            // One row per linked app: an app is linked to at most one shared repository.
            try db.create(table: "repoLink") { t in
                t.primaryKey("app", .text)
                    .references("app", onDelete: .cascade, onUpdate: .cascade)
                t.column("repo", .text).notNull().indexed()
                    .references("sharedRepo", onDelete: .restrict, onUpdate: .cascade)
                t.column("watch", .jsonText).notNull()
                t.column("linkedAt", .datetime).notNull()
            }
            try db.alter(table: "release") { t in
                // The input tree ids the release was built from (path -> object id, "" = the
                // repository root); NULL for releases made before shared repositories.
                t.add(column: "inputs", .jsonText)
            }
        }
        migrator.registerMigration("v4: swarm nodes") { db in
            try db.create(table: "clusterNode") { t in
                t.primaryKey("name", .text)
                t.column("engine", .text).notNull()
                t.column("address", .text).notNull()
                t.column("swarmID", .text).notNull().unique()
                t.column("addedAt", .datetime).notNull()
            }
        }
        return migrator
    }
}
