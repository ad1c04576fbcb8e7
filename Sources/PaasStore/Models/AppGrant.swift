import GRDB

/// One key's role on one app (`acl:grant APP KEY ROLE`).
public struct AppGrant: Codable, Sendable, Hashable {
    /// The app.
    public var app: String
    /// The ssh key's name.
    public var key: String
    /// What the key may do on the app.
    public var role: AccessRole

    /// A grant of `role` on `app` to `key`.
    public init(app: String, key: String, role: AccessRole) {
        self.app = app
        self.key = key
        self.role = role
    }
}

extension AppGrant: FetchableRecord, PersistableRecord {
    /// The SQLite table of grants.
    public static var databaseTableName: String { "appGrant" }
}

/// What one key may do on one app: its host role and its grant there, if any.
public struct KeyAccess: Sendable, Equatable {
    /// The key's host role.
    public var keyRole: KeyRole
    /// Its grant on the app asked about, if any.
    public var grant: AccessRole?

    /// The access of a key with `keyRole` and `grant`.
    public init(keyRole: KeyRole, grant: AccessRole?) {
        self.keyRole = keyRole
        self.grant = grant
    }

    /// Whether the key may do what `role` allows on the app (a host admin may do everything).
    public func allows(_ role: AccessRole) -> Bool {
        keyRole == .admin || (grant.map { $0 >= role } ?? false)
    }

    /// How a refusal names the key's role: `admin` for a host admin, else its grant or `none`.
    public var roleName: String { keyRole == .admin ? "admin" : grant?.rawValue ?? "none" }
}
