import Foundation
import GRDB
import PaasSupport

/// paas's state: apps, settings, config vars, formation, releases, domains and ssh keys,
/// in one SQLite file that several paas processes read and write at once.
///
/// Every method is one transaction. Writes take SQLite's write lock up front (IMMEDIATE) and
/// wait for it up to `busyTimeout`, so concurrent processes queue instead of failing.
public final class Store: Sendable {
    /// The config scope of global vars: `config(Store.globalScope)`.
    public static let globalScope = "--global"
    /// The settings scope of global settings: `setting(Store.globalSettings, key)`.
    public static let globalSettings = ""
    /// How long a write waits for another process's write to finish.
    public static let busyTimeout: TimeInterval = 30

    let writer: any DatabaseWriter

    /// The store of the state root, creating the database file if missing and migrating it.
    public convenience init(root: StateRoot) throws {
        try self.init(path: root.database)
    }

    /// The store in the SQLite file at `path` (WAL mode), created and migrated if needed.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(Store.busyTimeout)
        configuration.label = "paas.store"
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            // One connection: a paas process does one thing at a time, and other processes are
            // kept apart by SQLite's own locking (WAL, busy timeout). A pool's extra reader
            // connections only cost startup time for a command that runs a query or two.
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            // WAL is a property of the file: set once, it stays (checking is cheaper than setting).
            // Processes opening a new file at once race to switch it to WAL: the switch needs the
            // file to itself and can answer "database is locked" without waiting; the loser
            // tries again and finds it done.
            try Store.retrying {
                try queue.writeWithoutTransaction { db in
                    if try String.fetchOne(db, sql: "PRAGMA journal_mode")?.lowercased() != "wal" {
                        try db.execute(sql: "PRAGMA journal_mode = WAL")
                    }
                }
            }
            try Store.migrate(queue)
            writer = queue
        } catch {
            throw StoreError.cannotOpen(path: path, reason: String(describing: error))
        }
    }

    init(writer: any DatabaseWriter) throws {
        try Store.migrate(writer)
        self.writer = writer
    }

    /// A store that lives in memory only (for tests).
    public static func inMemory() throws -> Store {
        try Store(writer: DatabaseQueue())
    }

    /// Migrates, tolerating another process that migrates the same file at the same time:
    /// GRDB checks applied migrations before it takes the write lock, so the loser of that
    /// race fails on "table already exists" and finds the work done when it looks again.
    static func migrate(_ writer: any DatabaseWriter) throws {
        let migrator = Store.migrator
        try retrying {
            if try writer.read({ try migrator.hasCompletedMigrations($0) }) { return }
            try migrator.migrate(writer)
        }
    }

    /// Runs `work`, and again after a short pause when it fails, up to 10 times in about 2.5 s:
    /// for the races of processes that open a new file at the same moment.
    static func retrying(_ work: () throws -> Void) throws {
        var attempt = 0
        while true {
            do {
                return try work()
            } catch {
                attempt += 1
                if attempt >= 10 { throw error }
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt))
            }
        }
    }
}
