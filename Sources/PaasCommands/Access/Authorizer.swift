import PaasDeploy
import PaasStore

/// Decides whether the caller may run a command: an ssh key by its roles (one database read),
/// root on the host always. Runs after the command is parsed, on the app it really acts on.
enum Authorizer {
    /// Throws `AccessDenied` unless the caller may run `command` of class `access` on `app`
    /// (nil: the command acts on the host as a whole, which only host admins may do over ssh).
    static func check(_ command: String, _ access: AccessClass, app: String?, ctx: CommandContext) throws {
        guard ctx.viaSSH, access != .open else { return }
        let scoped = access.appRole != nil ? app : nil
        let found = try ctx.platform.store.access(key: ctx.user, app: scoped) ?? KeyAccess(keyRole: .none, grant: nil)
        if access == .root {
            throw AccessDenied(
                key: ctx.user, command: command, app: nil, role: found.keyRole.rawValue,
                reason: "it is for root on the host only (there: paas \(command) ...)")
        }
        if found.keyRole == .admin { return }
        if let role = access.appRole, scoped != nil, found.allows(role) { return }
        throw AccessDenied(
            key: ctx.user, command: command, app: scoped, role: scoped == nil ? found.keyRole.rawValue : found.roleName)
    }

    /// The apps the caller may see in `apps:list`: all of them as root or host admin, else those
    /// its key has a role on.
    static func visibleApps(ctx: CommandContext) throws -> Set<String>? {
        guard ctx.viaSSH else { return nil }
        let store = try ctx.platform.store
        if try store.access(key: ctx.user, app: nil)?.keyRole == .admin { return nil }
        return try store.grantedApps(key: ctx.user)
    }
}
