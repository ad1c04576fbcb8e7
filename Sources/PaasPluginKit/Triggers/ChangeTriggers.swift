/// `config-changed`: an app's config (or the global config) changed. Values are not sent.
public struct ConfigChanged: TriggerPayload {
    /// Keys added or given a new value.
    public var set: [String]
    /// Keys removed.
    public var unset: [String]
    /// The release recording the change; absent when none was made (never deployed, or global).
    public var release: Int?
    /// True for the global config (the request then names no app).
    public var global: Bool

    /// A payload.
    public init(set: [String], unset: [String], release: Int?, global: Bool) {
        self.set = set
        self.unset = unset
        self.release = release
        self.global = global
    }
    public static var samples: [ConfigChanged] {
        [
            ConfigChanged(set: ["A"], unset: ["B"], release: 13, global: false),
            ConfigChanged(set: [], unset: ["B"], release: nil, global: true),
        ]
    }
}

/// `domains-changed`: an app's domains changed and the proxy follows.
public struct DomainsChanged: TriggerPayload {
    /// Every domain now, the default first.
    public var domains: [String]
    /// Domains added.
    public var added: [String]
    /// Domains removed.
    public var removed: [String]

    /// A payload.
    public init(domains: [String], added: [String], removed: [String]) {
        self.domains = domains
        self.added = added
        self.removed = removed
    }
    public static var samples: [DomainsChanged] {
        [DomainsChanged(domains: ["web.example.com", "www.example.org"], added: ["www.example.org"], removed: [])]
    }
}

extension Trigger where Payload == ConfigChanged, Changes == NoChanges {
    /// After `config:set`, `config:unset` and `config:clear` took effect.
    public static var configChanged: Self {
        Self("config-changed", canStop: false, summary: "after `config:set` / `config:unset` / `config:clear`")
    }
}

extension Trigger where Payload == DomainsChanged, Changes == NoChanges {
    /// After `domains:add`, `domains:remove`, `domains:set` and `domains:clear` took effect.
    public static var domainsChanged: Self {
        Self("domains-changed", canStop: false, summary: "after `domains:add` / `remove` / `set` / `clear`")
    }
}
