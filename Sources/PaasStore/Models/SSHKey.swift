import Foundation
import GRDB

/// A public key allowed to push and run commands, with the name it was added under.
public struct SSHKey: Codable, Sendable, Hashable {
    /// The name given to the key (unique).
    public var name: String
    /// The key's fingerprint, e.g. `SHA256:...` (unique).
    public var fingerprint: String
    /// The public key line, e.g. `ssh-ed25519 AAAA... comment`.
    public var publicKey: String
    /// When the key was added (UTC).
    public var createdAt: Date
    /// What the key may do on the whole host (apps it may use beyond that are in `AppGrant`s).
    public var role: KeyRole

    /// A key named `name`.
    public init(name: String, fingerprint: String, publicKey: String, createdAt: Date = Date(), role: KeyRole = .none) {
        self.name = name
        self.fingerprint = fingerprint
        self.publicKey = publicKey
        self.createdAt = createdAt
        self.role = role
    }
}

extension SSHKey: FetchableRecord, PersistableRecord {
    /// The SQLite table of ssh keys.
    public static var databaseTableName: String { "sshKey" }
}
