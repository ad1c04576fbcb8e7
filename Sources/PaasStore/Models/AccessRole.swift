/// What a key may do on one app, granted with `acl:grant APP KEY ROLE`. Each role includes the
/// ones before it: `read` < `deploy` < `admin`.
public enum AccessRole: String, Codable, Sendable, CaseIterable, Comparable {
    /// The read commands and the logs of the app.
    case read
    /// Push, config, ps, run, logs, releases, rollback, domains, settings of the app.
    case deploy
    /// Everything on the app: also destroy, rename and who may use it.
    case admin

    public static func < (a: AccessRole, b: AccessRole) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// What a key may do on the whole host, set with `ssh-keys:add NAME --role admin|none`.
public enum KeyRole: String, Codable, Sendable, CaseIterable {
    /// Only what `acl:grant` gives it, app by app.
    case none
    /// Everything: every app, the keys and who may do what (but not plugins, which are root's).
    case admin
}
