import Foundation
import XCTest

@testable import PaasStore

/// Bundle-carried SQL migrations (docs/upgrade.md) and the database copies an upgrade makes.
final class StoreSQLMigrationTests: XCTestCase {
    func testSQLMigrationsApplyOnceInNameOrder() throws {
        let (store, path) = try makeFileStore(self)
        let dir = try makeTempDirectory(self)
        try "CREATE TABLE note (text TEXT);".write(toFile: dir + "/0001-note.sql", atomically: true, encoding: .utf8)
        try "INSERT INTO note VALUES ('second');".write(
            toFile: dir + "/0002-fill.sql", atomically: true, encoding: .utf8)
        try "not sql".write(toFile: dir + "/README", atomically: true, encoding: .utf8)
        XCTAssertEqual(try store.applySQLMigrations(from: dir), ["0001-note.sql", "0002-fill.sql"])
        XCTAssertEqual(try store.applySQLMigrations(from: dir), [], "applied ones are skipped")
        XCTAssertEqual(try store.appliedSQLMigrations(), ["0001-note.sql", "0002-fill.sql"])
        XCTAssertEqual(try Store(path: path).appliedSQLMigrations(), ["0001-note.sql", "0002-fill.sql"])
    }

    func testAFailingMigrationIsRolledBackAndNamed() throws {
        let (store, _) = try makeFileStore(self)
        let dir = try makeTempDirectory(self)
        try "CREATE TABLE half (x TEXT); ALTER TABLE missingTable ADD COLUMN y TEXT;"
            .write(toFile: dir + "/0001-broken.sql", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try store.applySQLMigrations(from: dir)) {
            XCTAssertEqual("\($0)", "migration 0001-broken.sql failed: no such table: missingTable")
        }
        XCTAssertEqual(try store.appliedSQLMigrations(), [])
        try "CREATE TABLE half (x TEXT);".write(toFile: dir + "/0001-broken.sql", atomically: true, encoding: .utf8)
        XCTAssertEqual(
            try store.applySQLMigrations(from: dir), ["0001-broken.sql"], "its first statement was undone too")
    }

    func testACopyHoldsTheSameRowsAndTheDigestSeesChanges() throws {
        let (store, path) = try makeFileStore(self)
        _ = try store.createApp("shop")
        let copy = try makeTempDirectory(self) + "/copy.db"
        try DatabaseCopy.copy(from: path, to: copy)
        XCTAssertEqual(try Store(path: copy).apps().map(\.name), ["shop"])
        let digest = try DatabaseCopy.contentDigest(of: path)
        XCTAssertEqual(try DatabaseCopy.contentDigest(of: copy), digest)
        _ = try store.createApp("blog")
        XCTAssertNotEqual(try DatabaseCopy.contentDigest(of: path), digest)
        try DatabaseCopy.copy(from: copy, to: path)
        XCTAssertEqual(try store.apps().map(\.name), ["shop"], "copying back restores the live file")
        XCTAssertEqual(try DatabaseCopy.contentDigest(of: path), digest)
    }
}
