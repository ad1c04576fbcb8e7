import GRDB
import PaasSupport
import XCTest

@testable import PaasStore

final class StoreMigrationTests: XCTestCase {
    func testFreshFileIsCreatedInWALModeAndMigrated() throws {
        let root = StateRoot(path: try makeTempDirectory(self) + "/nested/root")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.database))
        let store = try Store(root: root)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.database))
        let (mode, tables, completed) = try store.writer.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
                try Store.migrator.hasCompletedMigrations(db)
            )
        }
        XCTAssertEqual(mode, "wal")
        XCTAssertTrue(completed)
        for table in ["app", "configVar", "domain", "formation", "release", "setting", "sshKey"] {
            XCTAssertTrue(tables.contains(table), table)
        }
    }

    func testReopeningKeepsDataAndDoesNotMigrateAgain() throws {
        let root = StateRoot(path: try makeTempDirectory(self))
        do {
            let store = try Store(root: root)
            try store.createApp("kept")
            try store.recordRelease(ReleaseDraft(app: "kept"), config: ["A": "1"])
        }
        let reopened = try Store(root: root)
        XCTAssertEqual(try reopened.apps().map(\.name), ["kept"])
        XCTAssertEqual(try reopened.config("kept"), ["A": "1"])
        XCTAssertEqual(try reopened.recordRelease(ReleaseDraft(app: "kept"), config: nil).version, 2)
        let applied = try reopened.writer.read { try Store.migrator.appliedIdentifiers($0) }
        XCTAssertEqual(applied.count, Store.migrator.migrations.count)
    }

    func testAVersionOneFileGainsReleaseTimingsAndKeepsItsReleases() throws {
        let path = try makeTempDirectory(self) + "/old.db"
        do {
            let old = try DatabaseQueue(path: path)
            try Store.migrator.migrate(old, upTo: "v1: apps, settings, config, formation, releases, domains, keys")
            try old.write { db in
                try db.execute(
                    sql: "INSERT INTO app (name, createdAt, lastVersion) VALUES ('old', '2026-01-01 00:00:00', 1)")
                try db.execute(
                    sql: """
                        INSERT INTO "release" (app, version, image, config, formation, processes, description, createdBy, createdAt, live)
                        VALUES ('old', 1, 'paas/old:v1', '{}', '{"web":1}', '{}', 'Deploy 1234567', 'root', '2026-01-01 00:00:00', 1)
                        """)
            }
        }
        let store = try Store(path: path)
        let release = try XCTUnwrap(try store.liveRelease("old"))
        XCTAssertEqual(release.image, "paas/old:v1")
        XCTAssertNil(release.timings)
        try store.setTimings("old", version: 1, PhaseTimings([.total: 10]))
        XCTAssertEqual(try store.liveRelease("old")?.timings?[.total], 10)
    }

    func testUnopenableFileGivesOneLine() throws {
        let dir = try makeTempDirectory(self)
        let path = dir + "/not-a-db"
        try Data("this is not sqlite, just text that is long enough to matter".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try Store(path: path)) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.hasPrefix("cannot open the state database \(path): "), message)
            XCTAssertFalse(message.contains("\n"), message)
        }
    }
}
