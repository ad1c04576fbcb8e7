/// The settings one `FAMILY:set` / `FAMILY:report` pair handles: `checks`, `builder`...
public struct SettingFamily: Sendable {
    /// The command prefix: `checks`.
    public let name: String
    /// What the family is about, for the commands' help: `how an app's deploys are checked`.
    public let about: String
    /// Every setting of the family, in report order.
    public let settings: [AnySetting]

    /// A family; every setting's key must start with `name.`.
    public init(_ name: String, about: String, settings: [AnySetting]) {
        precondition(settings.allSatisfy { $0.family == name }, "a \(name) setting declared outside its family")
        self.name = name
        self.about = about
        self.settings = settings
    }

    /// The settings `FAMILY:set` changes.
    public var settable: [AnySetting] { settings.filter { $0.changedBy == nil } }

    /// The setting `name` that `FAMILY:set` may change; throws a `SettingError` otherwise.
    public func settable(named key: String) throws -> AnySetting {
        guard let setting = settings.first(where: { $0.name == key }) else {
            throw SettingError.unknownKey(family: name, key: key, known: settable.map(\.name))
        }
        if let command = setting.changedBy { throw SettingError.notSettable(family: name, name: key, by: command) }
        return setting
    }

    /// Every family, in the order help lists them.
    public static var all: [SettingFamily] { [.checks, .builder, .git, .tasks, .releases, .resource, .scheduler] }
}
