import Foundation
import GRDB

extension Store {
    // MARK: - Swarm nodes

    /// Records node `node`; refused when one has its name.
    public func addNode(_ node: ClusterNode) throws {
        try writer.write { db in
            if try ClusterNode.exists(db, key: node.name) { throw StoreError.nodeExists(node.name) }
            try node.insert(db)
        }
    }

    /// The node `name`, or nil.
    public func node(_ name: String) throws -> ClusterNode? {
        try writer.read { try ClusterNode.fetchOne($0, key: name) }
    }

    /// Every node, by name.
    public func nodes() throws -> [ClusterNode] {
        try writer.read { try ClusterNode.order(Column("name")).fetchAll($0) }
    }

    /// Forgets node `name`; false when there was none.
    @discardableResult
    public func deleteNode(_ name: String) throws -> Bool {
        try writer.write { try ClusterNode.deleteOne($0, key: name) }
    }
}
