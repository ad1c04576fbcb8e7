/// The domains an app answers to: `APP.DOMAIN` plus those added with `domains:add`.
public enum Domains {
    /// The default domain of `app` on this host.
    public static func defaultDomain(app: String, platform: Platform) -> String {
        "\(app).\(platform.settings.domain)"
    }

    /// Every domain of `app`, the default first.
    public static func all(app: String, platform: Platform) throws -> [String] {
        let extra = try platform.store.domains(app)
        let first = defaultDomain(app: app, platform: platform)
        return [first] + extra.filter { $0 != first }
    }

    /// Throws unless every one of `domains` may be removed from `app`: its default domain may not.
    public static func checkRemovable(_ domains: [String], app: String, platform: Platform) throws {
        _ = try platform.store.requireApp(app)
        let first = defaultDomain(app: app, platform: platform)
        if domains.contains(where: { $0.lowercased() == first.lowercased() }) {
            throw DomainsError.defaultDomain(first, app: app)
        }
    }
}

/// A domain change that cannot be made.
public enum DomainsError: Error, CustomStringConvertible, Equatable {
    case defaultDomain(String, app: String)

    public var description: String {
        switch self {
        case .defaultDomain(let domain, let app):
            return "\(domain) is the default domain of \(app) and can't be removed; domains:remove removes domains added with domains:add"
        }
    }
}
