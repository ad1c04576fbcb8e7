import Foundation
import GRDB

/// An application known to paas.
public struct App: Codable, Sendable, Hashable {
    /// The app's name (validated by `AppSpec.AppName` before it reaches the store).
    public var name: String
    /// When the app was created (UTC).
    public var createdAt: Date

    /// An app named `name`, created at `createdAt`.
    public init(name: String, createdAt: Date = Date()) {
        self.name = name
        self.createdAt = createdAt
    }
}

extension App: FetchableRecord, PersistableRecord {
    /// The SQLite table of apps.
    public static var databaseTableName: String { "app" }
}
