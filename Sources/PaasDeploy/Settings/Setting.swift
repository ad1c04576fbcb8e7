/// One setting, declared once: its key, the type and default of its value, how text is
/// validated, and the help that `*:set` and `*:report` show. Deploy code reads the typed value
/// through `AppSettings`; the commands work on the type-erased `AnySetting`.
public struct Setting<Value: Sendable>: Sendable {
    /// `family.name`, as users see it: `checks.wait`.
    public let key: String
    /// The key in the store (older settings keep the name they were stored under).
    public let storageKey: String
    /// The value while the setting is unset.
    public let defaultValue: Value
    /// What a valid value looks like, for errors and help: `a number of seconds from 0 to 86400`.
    public let expected: String
    /// One line saying what the setting does.
    public let help: String
    /// The commands that change it when `FAMILY:set` does not (`checks:disable`); nil for
    /// settings that `FAMILY:set` changes.
    public let changedBy: String?
    /// Whether a global value (`FAMILY:set --global`) applies to apps that have none of their own.
    public let global: Bool
    let parse: @Sendable (String) throws -> Value
    let encode: @Sendable (Value) -> String?
    let describe: @Sendable (Value) -> String

    /// Declares a setting. `parse` turns valid text into a value (throwing for anything else),
    /// `encode` gives the text to store (nil: the default, nothing stored) and `describe` the
    /// text a report shows.
    public init(
        _ key: String, storedAs storageKey: String? = nil, default defaultValue: Value, expected: String, help: String,
        changedBy: String? = nil, global: Bool = false, parse: @escaping @Sendable (String) throws -> Value,
        encode: @escaping @Sendable (Value) -> String?, describe: @escaping @Sendable (Value) -> String
    ) {
        self.key = key
        self.storageKey = storageKey ?? key
        self.defaultValue = defaultValue
        self.expected = expected
        self.help = help
        self.changedBy = changedBy
        self.global = global
        self.parse = parse
        self.encode = encode
        self.describe = describe
    }

    /// The family: `checks` of `checks.wait`.
    public var family: String { String(key.prefix { $0 != "." }) }
    /// The name within the family: `wait` of `checks.wait`.
    public var name: String { String(key.drop { $0 != "." }.dropFirst()) }

    /// The value that `stored` text stands for; the default when unset or no longer valid.
    public func value(stored: String?) -> Value {
        guard let stored, !stored.isEmpty, let value = try? parse(stored) else { return defaultValue }
        return value
    }

    /// The text to store for what a user typed: nil for an empty `text` (back to the default);
    /// throws `SettingError.badValue` when `text` is not valid.
    public func validate(_ text: String) throws -> String? {
        if text.isEmpty { return nil }
        do {
            return encode(try parse(text))
        } catch {
            throw SettingError.badValue(family: family, name: name, value: text, expected: expected)
        }
    }

    /// The same setting without its value type, for commands that handle every setting alike.
    public var erased: AnySetting {
        AnySetting(
            key: key, storageKey: storageKey, family: family, name: name, expected: expected, help: help,
            changedBy: changedBy, global: global, defaultText: describe(defaultValue),
            validate: { try self.validate($0) },
            describe: { self.describe(self.value(stored: $0)) })
    }
}
