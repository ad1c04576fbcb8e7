import GRDB

extension Store {
    // MARK: - SSH keys

    /// Adds a key. Throws `StoreError.keyExists` when the name is taken and
    /// `StoreError.duplicateKey` when the same key is there under another name.
    public func addKey(_ key: SSHKey) throws {
        try writer.write { db in
            if try SSHKey.exists(db, key: key.name) { throw StoreError.keyExists(key.name) }
            if let existing = try SSHKey.filter(Column("fingerprint") == key.fingerprint).fetchOne(db) {
                throw StoreError.duplicateKey(fingerprint: key.fingerprint, existingName: existing.name)
            }
            try key.insert(db)
        }
    }

    /// All keys, by name.
    public func keys() throws -> [SSHKey] {
        try writer.read { try SSHKey.order(Column("name")).fetchAll($0) }
    }

    /// Removes the key `name` and its grants; throws `StoreError.noSuchKey` when there is none
    /// and `StoreError.lastAdmin` when it is the only admin key.
    public func removeKey(named name: String) throws {
        try writer.write { db in
            guard let key = try SSHKey.fetchOne(db, key: name) else { throw StoreError.noSuchKey(name) }
            if key.role == .admin {
                let admins = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sshKey WHERE role = 'admin'") ?? 0
                if admins <= 1 { throw StoreError.lastAdmin(name) }
            }
            try SSHKey.deleteOne(db, key: name)
        }
    }
}
