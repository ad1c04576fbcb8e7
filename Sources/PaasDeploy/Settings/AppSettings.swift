import PaasStore

/// An app's settings as stored, read once; typed values come from their declarations.
public struct AppSettings: Sendable {
    /// The app (`Store.globalSettings` for global ones).
    public let app: String
    let stored: [String: String]

    /// Reads every setting of `app` in one query.
    public static func load(app: String, store: Store) throws -> AppSettings {
        AppSettings(app: app, stored: try store.settings(app))
    }

    /// The value of `setting`: the stored one, else its default.
    public subscript<Value>(_ setting: Setting<Value>) -> Value {
        setting.value(stored: stored[setting.storageKey])
    }

    /// What a report shows for `setting`.
    public func describe(_ setting: AnySetting) -> String {
        setting.describe(stored: stored[setting.storageKey])
    }

    /// Validates `text` and stores it as `setting` of `app`; empty text goes back to the default.
    /// Returns the stored text (nil: the default).
    @discardableResult
    public static func set(_ setting: AnySetting, to text: String, app: String, store: Store) throws -> String? {
        let value = try setting.validate(text)
        try store.setSetting(app, setting.storageKey, value)
        return value
    }

    /// Stores `value` as `setting` of `app` (the default removes it).
    public static func write<Value>(_ setting: Setting<Value>, _ value: Value, app: String, store: Store) throws {
        try store.setSetting(app, setting.storageKey, setting.encode(value))
    }
}
