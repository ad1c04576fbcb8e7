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

    /// Throws unless `app` may add every one of `domains`: below the host's domain, only its own
    /// default domain and the domains below that (`x.APP.DOMAIN`). Any other `NAME.DOMAIN` is
    /// the default domain of app `NAME`, existing or not, and `*.DOMAIN` would catch them all.
    public static func checkClaimable(_ domains: [String], app: String, hostDomain: String) throws {
        let suffix = "." + hostDomain.lowercased()
        for domain in domains {
            let lowered = domain.lowercased()
            guard lowered.hasSuffix(suffix) else { continue }
            let owner = lowered.dropLast(suffix.count).split(separator: ".", omittingEmptySubsequences: false).last
                .map(String.init) ?? ""
            if owner != app { throw DomainsError.otherAppsDomain(lowered, app: app, owner: owner) }
        }
    }

    /// Throws when another app has the default domain `app` would get, or a domain below it.
    public static func checkDefaultFree(app: String, platform: Platform) throws {
        let first = defaultDomain(app: app, platform: platform).lowercased()
        if let taken = try platform.store.domainOwner(atOrBelow: first), taken.app != app {
            throw DomainsError.defaultDomainTaken(taken.domain, app: app, owner: taken.app)
        }
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
    /// A domain under the host's domain that belongs to another app's name, existing or not.
    case otherAppsDomain(String, app: String, owner: String)
    /// `apps:create NAME` when another app already has `NAME.DOMAIN` (or a domain below it).
    case defaultDomainTaken(String, app: String, owner: String)

    public var description: String {
        switch self {
        case .otherAppsDomain(let domain, let app, let owner):
            return "\(domain) belongs to the app name '\(owner)' (whether or not that app exists) "
                + "and can't be added to \(app); below this host's domain an app may only add domains below its own default domain"
        case .defaultDomainTaken(let domain, let app, let owner):
            return "app '\(owner)' already has \(domain), which belongs to the default domain of \(app): "
                + "choose another name"
        case .defaultDomain(let domain, let app):
            return "\(domain) is the default domain of \(app) and can't be removed; domains:remove removes domains added with domains:add"
        }
    }
}
