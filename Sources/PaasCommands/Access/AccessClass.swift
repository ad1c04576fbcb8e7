import PaasStore

/// What a command needs from the key that runs it over ssh. Root on the host may run everything.
public enum AccessClass: String, Sendable, CaseIterable {
    /// Any key, even one with no role (`help`, `version`; `apps:list` shows only the key's apps).
    case open
    /// The `read` role on the command's app.
    case read
    /// The `deploy` role on the command's app.
    case deploy
    /// The `admin` role on the command's app.
    case manage
    /// A key with the host `admin` role (keys, access, host-wide settings, creating apps).
    case admin
    /// Root on the host only, never over ssh (plugins run code as the paas user).
    case root

    /// The role needed on the app, for the classes that act on one.
    public var appRole: AccessRole? {
        switch self {
        case .read: return .read
        case .deploy: return .deploy
        case .manage: return .admin
        case .open, .admin, .root: return nil
        }
    }

    /// How docs/security.md names the class.
    public var label: String {
        switch self {
        case .open: return "any key"
        case .read: return "read"
        case .deploy: return "deploy"
        case .manage: return "app admin"
        case .admin: return "host admin"
        case .root: return "root on the host"
        }
    }
}
