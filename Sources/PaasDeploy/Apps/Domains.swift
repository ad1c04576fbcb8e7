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
}
