import Foundation
import GRDB

/// A Docker host added to the swarm with `nodes:add` (the main host, the manager, is not one).
public struct ClusterNode: Codable, Sendable, Hashable {
    /// The name paas knows it by (`nodes:report NAME`); also its name in the swarm.
    public var name: String
    /// How paas reaches its Engine: `unix:///PATH` or `ssh://root@HOST`.
    public var engine: String
    /// The address it advertises to the swarm, where the proxy reaches its tasks.
    public var address: String
    /// Its node id in the swarm.
    public var swarmID: String
    /// When it was added (UTC).
    public var addedAt: Date

    /// A node record.
    public init(name: String, engine: String, address: String, swarmID: String, addedAt: Date = Date()) {
        self.name = name
        self.engine = engine
        self.address = address
        self.swarmID = swarmID
        self.addedAt = addedAt
    }
}

extension ClusterNode: FetchableRecord, PersistableRecord {
    /// The SQLite table of nodes.
    public static var databaseTableName: String { "clusterNode" }
}
