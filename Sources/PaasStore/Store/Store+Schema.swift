import Foundation
import GRDB

extension Store {
    /// The schema version this build's migrations bring a database to: how many there are.
    public static var schemaVersion: Int { migrator.migrations.count }

    /// The table that records SQL migrations a release bundle carried (`migrations/*.sql`).
    static let bundleMigrationTable = "paasBundleMigration"

    /// Applies, in name order, every `*.sql` file of `directory` not applied before, each in a
    /// transaction of its own, and records it by name. Returns the names applied now.
    ///
    /// A file that fails is rolled back and stops the rest: the error names it and quotes SQLite.
    public func applySQLMigrations(from directory: String) throws -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".sql") }.sorted()
        guard !names.isEmpty else { return [] }
        try writer.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS \(Self.bundleMigrationTable) (
                        name TEXT PRIMARY KEY NOT NULL, appliedAt DATETIME NOT NULL)
                    """)
        }
        var applied: [String] = []
        for name in names {
            let done = try writer.read { db in
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM \(Self.bundleMigrationTable) WHERE name = ?", arguments: [name]) ?? false
            }
            if done { continue }
            guard let sql = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) else {
                throw SQLMigrationError(name: name, reason: "cannot read \(directory)/\(name)")
            }
            do {
                try writer.write { db in
                    try db.execute(sql: sql)
                    try db.execute(
                        sql: "INSERT INTO \(Self.bundleMigrationTable) (name, appliedAt) VALUES (?, ?)",
                        arguments: [name, Date()])
                }
            } catch let error as DatabaseError {
                throw SQLMigrationError(name: name, reason: error.message ?? "\(error)")
            }
            applied.append(name)
        }
        return applied
    }

    /// The names of the bundle SQL migrations applied to this database, in name order.
    public func appliedSQLMigrations() throws -> [String] {
        try writer.read { db in
            guard try db.tableExists(Self.bundleMigrationTable) else { return [] }
            return try String.fetchAll(db, sql: "SELECT name FROM \(Self.bundleMigrationTable) ORDER BY name")
        }
    }
}

/// A SQL migration from a release bundle failed; nothing of it was applied.
public struct SQLMigrationError: Error, CustomStringConvertible {
    public let name: String
    public let reason: String
    public var description: String { "migration \(name) failed: \(reason)" }
}
