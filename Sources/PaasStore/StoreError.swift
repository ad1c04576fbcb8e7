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
    /// `repos:create` of a name that is taken by a repository.
    case repoExists(String)
    /// `repos:create` of a name that an app has (both are pushed to by name).
    case repoNameIsApp(String)
    /// `apps:create` of a shared repository's name.
    case appNameIsRepo(String)
    /// A shared repository that is not there.
    case noSuchRepo(String)
    /// `repos:destroy` while apps are linked.
    case repoInUse(String, apps: [String])
    /// `repos:link` of an app linked to another repository.
    case alreadyLinked(app: String, repo: String)
    /// The database file could not be opened or migrated.
    case cannotOpen(path: String, reason: String)
    /// `nodes:add` with a name a node already has.
    case nodeExists(String)

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
        case .repoExists(let name):
            return "shared repository '\(name)' already exists (see repos:list)"
        case .repoNameIsApp(let name):
            return "'\(name)' is an app's name; a shared repository needs a name no app has"
        case .appNameIsRepo(let name):
            return "'\(name)' is a shared repository's name; an app needs a name no repository has"
        case .noSuchRepo(let name):
            return "shared repository '\(name)' does not exist (see repos:list)"
        case .repoInUse(let name, let apps):
            return "shared repository '\(name)' still has linked apps (\(apps.joined(separator: ", "))); repos:unlink them first"
        case .alreadyLinked(let app, let repo):
            return "app '\(app)' is already linked to shared repository '\(repo)' (repos:unlink \(app) first)"
        case .nodeExists(let name):
            return "a node named '\(name)' exists already (nodes:list shows them): choose another name"
        case .cannotOpen(let path, let reason):
            return "cannot open the state database \(path): \(reason)"
        }
    }
}
