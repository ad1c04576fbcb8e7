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
