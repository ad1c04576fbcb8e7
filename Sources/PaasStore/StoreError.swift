/// What went wrong in the state store, in the user's words.
public enum StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `apps:create` of a name that is taken.
    case appExists(String)
    /// An app that is not there.
    case noSuchApp(String)
    /// A release number the app never had.
    case noSuchRelease(app: String, version: Int)
    /// A domain already attached to another app.
    case domainTaken(String, byApp: String)
    /// An ssh key name that is taken.
    case keyExists(String)
    /// The same public key under another name.
    case duplicateKey(fingerprint: String, existingName: String)
    /// An ssh key name that is not there.
    case noSuchKey(String)
    /// `acl:revoke` of a key that has no role on the app.
    case noSuchGrant(app: String, key: String)
    /// Removing the only key with the admin role.
    case lastAdmin(String)
    /// The database file could not be opened or migrated.
    case cannotOpen(path: String, reason: String)

    /// One line for the user.
    public var description: String {
        switch self {
        case .appExists(let name):
            return "app '\(name)' already exists (choose another name, or see apps:list)"
        case .noSuchApp(let name):
            return "app '\(name)' does not exist (see apps:list)"
        case .noSuchRelease(let app, let version):
            return "app '\(app)' has no release v\(version) (see releases \(app))"
        case .domainTaken(let domain, let other):
            return "domain '\(domain)' is already used by app '\(other)' (remove it there first)"
        case .keyExists(let name):
            return "an ssh key named '\(name)' already exists (remove it first or choose another name)"
        case .duplicateKey(let fingerprint, let existing):
            return "this ssh key (\(fingerprint)) is already added as '\(existing)'"
        case .noSuchKey(let name):
            return "no ssh key named '\(name)' (see ssh-keys:list)"
        case .noSuchGrant(let app, let key):
            return "key '\(key)' has no role on app '\(app)' (see acl:list \(app))"
        case .lastAdmin(let name):
            return "'\(name)' is the last key with the admin role and can't be removed (add another admin key first)"
        case .cannotOpen(let path, let reason):
            return "cannot open the state database \(path): \(reason)"
        }
    }
}
