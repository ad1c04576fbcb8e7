import Foundation
import GRDB

/// A numbered, immutable release of an app: image + config snapshot + formation + source.
public struct Release: Codable, Sendable, Hashable {
    /// The app the release belongs to.
    public var app: String
    /// The release number: 1, 2, 3… per app, never reused.
    public var version: Int
    /// The image the release runs.
    public var image: String?
    /// The config vars snapshot.
    public var config: [String: String]
    /// Process type -> number of containers.
    public var formation: [String: Int]
    /// Process type -> command, from the Procfile.
    public var processes: [String: String]
    /// The source commit id.
    public var commit: String?
    /// The git tree id of the build directory.
    public var tree: String?
    /// The build directory inside the repository.
    public var buildDir: String?
    /// What made this release.
    public var description: String
    /// Who made it.
    public var createdBy: String
    /// The deploy that made it.
    public var deployID: String?
    /// When it was recorded (UTC).
    public var createdAt: Date
    /// Whether this is the release that is running now.
    public var live: Bool
    /// How long each phase of the deploy that made it took (nil for releases made before
    /// paas recorded timings, or by a deploy that stopped before recording them).
    public var timings: PhaseTimings?

    /// The release `version` made of `draft`.
    public init(_ draft: ReleaseDraft, version: Int, createdAt: Date = Date(), live: Bool = false) {
        self.app = draft.app
        self.version = version
        self.image = draft.image
        self.config = draft.config
        self.formation = draft.formation
        self.processes = draft.processes
        self.commit = draft.commit
        self.tree = draft.tree
        self.buildDir = draft.buildDir
        self.description = draft.description
        self.createdBy = draft.createdBy
        self.deployID = draft.deployID
        self.createdAt = createdAt
        self.live = live
    }

    /// The draft this release was made of.
    public var draft: ReleaseDraft {
        ReleaseDraft(
            app: app, image: image, config: config, formation: formation, processes: processes,
            commit: commit, tree: tree, buildDir: buildDir, description: description,
            createdBy: createdBy, deployID: deployID)
    }

    // `commit` is an SQL keyword: the column is named `sourceCommit`.
    enum CodingKeys: String, CodingKey {
        case app, version, image, config, formation, processes
        case commit = "sourceCommit"
        case tree, buildDir, description, createdBy, deployID, createdAt, live, timings
    }
}

extension Release: FetchableRecord, PersistableRecord {
    /// The SQLite table of releases.
    public static var databaseTableName: String { "release" }
}
