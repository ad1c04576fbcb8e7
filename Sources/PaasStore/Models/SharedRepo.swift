import Foundation
import GRDB

/// A git repository stored once and linked to many apps (`repos:create`).
public struct SharedRepo: Codable, Sendable, Hashable {
    /// The name pushed to: `git push paas@host:NAME`.
    public var name: String
    /// When it was created (UTC).
    public var createdAt: Date
    /// How many linked apps a push deploys at once; nil: the core count.
    public var parallel: Int?

    /// A repository named `name`.
    public init(name: String, createdAt: Date = Date(), parallel: Int? = nil) {
        self.name = name
        self.createdAt = createdAt
        self.parallel = parallel
    }
}

extension SharedRepo: FetchableRecord, PersistableRecord {
    /// The SQLite table of shared repositories.
    public static var databaseTableName: String { "sharedRepo" }
}

/// An app linked to a shared repository: the app builds from its build dir there, and also
/// redeploys when one of its watched paths changes.
public struct RepoLink: Codable, Sendable, Hashable {
    /// The linked app.
    public var app: String
    /// The shared repository it is linked to.
    public var repo: String
    /// Paths outside the build dir whose changes also deploy the app (`lib`, `Procfile`).
    public var watch: [String]
    /// When it was linked (UTC).
    public var linkedAt: Date

    /// A link of `app` to `repo`.
    public init(app: String, repo: String, watch: [String] = [], linkedAt: Date = Date()) {
        self.app = app
        self.repo = repo
        self.watch = watch
        self.linkedAt = linkedAt
    }
}

extension RepoLink: FetchableRecord, PersistableRecord {
    /// The SQLite table of links.
    public static var databaseTableName: String { "repoLink" }
}
