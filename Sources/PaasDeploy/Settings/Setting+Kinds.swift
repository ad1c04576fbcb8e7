import AppSpec

/// Not a valid value; `Setting.validate` turns it into `SettingError.badValue`.
struct InvalidSettingValue: Error {}

extension Setting where Value == Double {
    /// A number of seconds up to a day: from 0, or above 0 when `positive`.
    public static func seconds(_ key: String, default defaultValue: Double, positive: Bool = false, help: String)
        -> Setting
    {
        Setting(
            key, default: defaultValue,
            expected: positive ? "a number of seconds above 0, at most 86400" : "a number of seconds from 0 to 86400",
            help: help, global: true,
            parse: { text in
                guard let n = Double(text), n.isFinite, positive ? n > 0 : n >= 0, n <= 86400 else {
                    throw InvalidSettingValue()
                }
                return n
            },
            encode: { formatSeconds($0) }, describe: { formatSeconds($0) })
    }

    /// `4` for 4.0, `0.5` for 0.5.
    static func formatSeconds(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
    }
}

extension Setting where Value == Int {
    /// A whole number in `range`.
    public static func wholeNumber(
        _ key: String, storedAs storageKey: String? = nil, default defaultValue: Int, range: ClosedRange<Int>,
        help: String
    ) -> Setting {
        Setting(
            key, storedAs: storageKey, default: defaultValue,
            expected: "a whole number from \(range.lowerBound) to \(range.upperBound)", help: help, global: true,
            parse: { text in
                guard let n = Int(text), range.contains(n) else { throw InvalidSettingValue() }
                return n
            },
            encode: { String($0) }, describe: { String($0) })
    }
}

extension Setting where Value == Set<String> {
    /// The word that stands for every process type.
    public static var allProcesses: String { "_all_" }

    /// A set of process types (or `_all_`), stored comma-separated and changed by `changedBy`.
    public static func processTypes(_ key: String, changedBy: String, help: String) -> Setting {
        Setting(
            key, default: [], expected: "process type names separated by commas, or \(allProcesses)", help: help,
            changedBy: changedBy,
            parse: { text in
                let names = Set(text.split(separator: ",").map(String.init))
                guard names.allSatisfy({ $0 == allProcesses || Procfile.isValidName($0) }) else {
                    throw InvalidSettingValue()
                }
                return names
            },
            encode: { $0.isEmpty ? nil : $0.sorted().joined(separator: ",") },
            describe: { $0.sorted().joined(separator: ",") })
    }
}
