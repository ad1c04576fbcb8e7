import AppSpec
import PaasStore

/// `resource:limit APP [TYPE] memory=512m cpus=1 pids=256`: the limits of an app's containers,
/// for every process type or one. They apply from the next deploy or restart on.
public enum ResourceLimit {
    /// Validates every `KEY=VALUE` of `pairs` (an empty value goes back to the default), then
    /// stores them all for `app` (`process`: that type alone); nothing is stored when one is wrong.
    /// Returns the stored values as a report shows them.
    @discardableResult
    public static func set(app: String, process: String?, pairs: [String], store: Store) throws -> [(String, String)] {
        _ = try store.requireApp(app)
        if let process, !Procfile.isValidName(process) { throw ResourceLimitError.badProcess(process) }
        guard !pairs.isEmpty else { throw ResourceLimitError.nothingGiven }
        var writes: [(setting: AnySetting, storageKey: String, value: String?)] = []
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "=") else { throw ResourceLimitError.notAPair(pair) }
            let key = String(pair[..<equals])
            guard let setting = Settings.resourceLimits.first(where: { $0.name == key }) else {
                throw ResourceLimitError.unknownKey(key)
            }
            let value = try setting.validate(String(pair[pair.index(after: equals)...]))
            writes.append((setting, setting.storageKey + (process.map { "." + $0 } ?? ""), value))
        }
        for write in writes { try store.setSetting(app, write.storageKey, write.value) }
        return writes.map { ($0.setting.name, $0.setting.describe(stored: $0.value)) }
    }

    /// The limits set for single process types of `app`: (`web`, `memory`, `512m`), by type then key.
    public static func perType(app: String, store: Store) throws -> [(process: String, key: String, value: String)] {
        let stored = try store.settings(app)
        var rows: [(process: String, key: String, value: String)] = []
        for setting in Settings.resourceLimits {
            let prefix = setting.storageKey + "."
            for (key, value) in stored where key.hasPrefix(prefix) && !value.isEmpty {
                rows.append((String(key.dropFirst(prefix.count)), setting.name, setting.describe(stored: value)))
            }
        }
        return rows.sorted { ($0.process, $0.key) < ($1.process, $1.key) }
    }
}

/// A `resource:limit` request that cannot be done.
public enum ResourceLimitError: Error, CustomStringConvertible, Equatable {
    case nothingGiven
    case notAPair(String)
    case unknownKey(String)
    case badProcess(String)

    public var description: String {
        let expected = "expected memory=SIZE, cpus=N or pids=N, e.g. memory=512m cpus=1 pids=256"
        switch self {
        case .nothingGiven: return "no limits given: \(expected)"
        case .notAPair(let text): return "'\(text)' is not a KEY=VALUE pair: \(expected)"
        case .unknownKey(let key): return "unknown limit '\(key)': \(expected)"
        case .badProcess(let name):
            return "invalid process type '\(name)': expected letters, digits, '_' or '-' as in the Procfile"
        }
    }
}
