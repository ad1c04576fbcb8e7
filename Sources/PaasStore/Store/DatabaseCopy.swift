import Foundation
import GRDB

/// Copies a SQLite database with SQLite's online backup, page by page under SQLite's own locks,
/// so other processes may keep reading and writing the source meanwhile. Neither file is
/// migrated: these are raw copies of whatever schema they hold.
public enum DatabaseCopy {
    /// Copies the database at `source` into the file at `destination` (created or replaced).
    public static func copy(from source: String, to destination: String) throws {
        guard FileManager.default.fileExists(atPath: source) else {
            throw StoreError.cannotOpen(path: source, reason: "no such file")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(Store.busyTimeout)
        do {
            let from = try DatabaseQueue(path: source, configuration: configuration)
            let to = try DatabaseQueue(path: destination, configuration: configuration)
            try from.backup(to: to)
            try from.close()
            try to.close()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: source, reason: "copy to \(destination) failed: \(error)")
        }
    }
}

extension DatabaseCopy {
    /// A fingerprint of every row of every table of the database at `path` (FNV-1a over the
    /// rows as text): equal fingerprints mean nothing was written in between. Not a security
    /// hash; it tells "changed since" apart.
    public static func contentDigest(of path: String) throws -> String {
        var configuration = Configuration()
        configuration.busyMode = .timeout(Store.busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                func mix(_ text: String) {
                    for byte in text.utf8 {
                        hash ^= UInt64(byte)
                        hash = hash &* 0x100_0000_01b3
                    }
                }
                let tables = try String.fetchAll(
                    db,
                    sql:
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
                for table in tables {
                    mix("\u{1}" + table)
                    let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)")
                    while let row = try rows.next() { mix("\u{2}" + row.description) }
                }
                return String(hash, radix: 16)
            }
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }
}
