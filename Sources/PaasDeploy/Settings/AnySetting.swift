/// A `Setting` without its value type: what `FAMILY:set` validates and `FAMILY:report` shows.
public struct AnySetting: Sendable {
    /// `checks.wait`.
    public let key: String
    /// The key in the store.
    public let storageKey: String
    /// `checks`.
    public let family: String
    /// `wait`.
    public let name: String
    /// What a valid value looks like.
    public let expected: String
    /// One line saying what the setting does.
    public let help: String
    /// The commands that change it when `FAMILY:set` does not; nil when `FAMILY:set` does.
    public let changedBy: String?
    /// Whether a global value applies to apps that have none of their own.
    public let global: Bool
    /// How a report shows the default.
    public let defaultText: String
    let validateText: @Sendable (String) throws -> String?
    let describeStored: @Sendable (String?) -> String

    init(
        key: String, storageKey: String, family: String, name: String, expected: String, help: String,
        changedBy: String?, global: Bool,
        defaultText: String, validate: @escaping @Sendable (String) throws -> String?,
        describe: @escaping @Sendable (String?) -> String
    ) {
        self.key = key
        self.storageKey = storageKey
        self.family = family
        self.name = name
        self.expected = expected
        self.help = help
        self.changedBy = changedBy
        self.global = global
        self.defaultText = defaultText
        self.validateText = validate
        self.describeStored = describe
    }

    /// The text to store for what a user typed (nil: back to the default); throws
    /// `SettingError.badValue` when it is not valid.
    public func validate(_ text: String) throws -> String? { try validateText(text) }

    /// What a report shows when the store holds `stored` (nil: unset).
    public func describe(stored: String?) -> String { describeStored(stored) }
}
