import PaasStore

/// An app's settings as stored, with the global ones behind them, read once; typed values come
/// from their declarations.
public struct AppSettings: Sendable {
    /// Where a setting's value comes from.
    public enum Source: String, Sendable {
        /// The app's own value.
        case app
        /// The global value (`FAMILY:set --global`), for a setting declared `global`.
        case global
        /// The declared default.
        case `default`
    }

    /// The app (`Store.globalSettings` for the global settings alone).
    public let app: String
    let stored: [String: String]
    let globals: [String: String]

    /// Reads every setting of `app` and the global ones.
    public static func load(app: String, store: Store) throws -> AppSettings {
        let globals = try store.settings(Store.globalSettings)
        return AppSettings(
            app: app, stored: app == Store.globalSettings ? globals : try store.settings(app), globals: globals)
    }

    /// The value of `setting`: the app's, else the global one, else its default.
    public subscript<Value>(_ setting: Setting<Value>) -> Value {
        setting.value(stored: text(key: setting.storageKey, global: setting.global))
    }

    /// What a report shows for `setting`.
    public func describe(_ setting: AnySetting) -> String {
        setting.describe(stored: text(key: setting.storageKey, global: setting.global))
    }

    /// Where the value of `setting` comes from.
    public func source(of setting: AnySetting) -> Source {
        if let v = stored[setting.storageKey], !v.isEmpty { return app == Store.globalSettings ? .global : .app }
        if setting.global, let v = globals[setting.storageKey], !v.isEmpty { return .global }
        return .default
    }

    private func text(key: String, global: Bool) -> String? {
        if let v = stored[key], !v.isEmpty { return v }
        return global ? globals[key] : nil
    }

    /// The value of `setting` for `app`, reading only that setting (and its global value when
    /// it has one) rather than every setting of the app.
    public static func value<Value>(_ setting: Setting<Value>, app: String, store: Store) throws -> Value {
        if let own = try store.setting(app, setting.storageKey), !own.isEmpty { return setting.value(stored: own) }
        guard setting.global else { return setting.defaultValue }
        return setting.value(stored: try store.setting(Store.globalSettings, setting.storageKey))
    }

    /// Validates `text` and stores it as `setting` of `app` (`Store.globalSettings`: the global
    /// value, for settings declared `global`); empty text goes back to the default. Returns the
    /// stored text (nil: the default).
    @discardableResult
    public static func set(_ setting: AnySetting, to text: String, app: String, store: Store) throws -> String? {
        if app == Store.globalSettings && !setting.global {
            throw SettingError.notGlobal(family: setting.family, name: setting.name)
        }
        let value = try setting.validate(text)
        try store.setSetting(app, setting.storageKey, value)
        return value
    }

    /// Stores `value` as `setting` of `app` (the default removes it).
    public static func write<Value>(_ setting: Setting<Value>, _ value: Value, app: String, store: Store) throws {
        try store.setSetting(app, setting.storageKey, setting.encode(value))
    }
}
