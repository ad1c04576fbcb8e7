import PaasStore

extension Settings {
    /// `scheduler.selected`: which scheduler runs the app's processes (Dokku's names).
    public static let schedulerSelected = Setting<String>(
        "scheduler.selected", default: "docker-local", expected: "docker-local or docker-swarm",
        help: "Where the app runs: this host (docker-local) or the swarm.",
        parse: { text in
            guard ["docker-local", "docker-swarm"].contains(text) else { throw InvalidSettingValue() }
            return text
        },
        encode: { $0 == "docker-local" ? nil : $0 }, describe: { $0 })

    /// `scheduler.placement`: the swarm constraints of each process type, set with
    /// `scheduler:set APP placement TYPE LABEL=VALUE…`; stored per type.
    public static let schedulerPlacement = Setting<String>(
        "scheduler.placement", default: "", expected: "PROCESS LABEL=VALUE[,LABEL=VALUE...]",
        help: "Node labels each process type's swarm tasks need.",
        changedBy: "scheduler:set APP placement PROCESS LABEL=VALUE",
        parse: { $0 }, encode: { $0.isEmpty ? nil : $0 }, describe: { $0.isEmpty ? "role=app for every type" : $0 })
}

extension SettingFamily {
    /// `scheduler:set`, `scheduler:report`.
    public static let scheduler = SettingFamily(
        "scheduler", about: "where an app's processes run",
        settings: [Settings.schedulerSelected.erased, Settings.schedulerPlacement.erased])
}

/// Where an app's processes run, and the node labels a swarm app's process types need.
public enum SchedulerChoice {
    /// Whether `app` runs on the swarm.
    public static func isSwarm(app: String, store: Store) throws -> Bool {
        try AppSettings.value(Settings.schedulerSelected, app: app, store: store) == "docker-swarm"
    }

    /// The stored key of `process`'s placement.
    static func placementKey(_ process: String) -> String { Settings.schedulerPlacement.storageKey + "." + process }

    /// The node labels `process` of `app` must run on: its own, else role=app.
    public static func placement(app: String, process: String, store: Store) throws -> [String: String] {
        let stored = try store.setting(app, placementKey(process)) ?? ""
        return stored.isEmpty ? ["role": "app"] : try parse(stored)
    }

    /// Every process type with a placement of its own.
    public static func placements(app: String, store: Store) throws -> [String: [String: String]] {
        let prefix = Settings.schedulerPlacement.storageKey + "."
        var result: [String: [String: String]] = [:]
        for (key, value) in try store.settings(app) where key.hasPrefix(prefix) && !value.isEmpty {
            result[String(key.dropFirst(prefix.count))] = try parse(value)
        }
        return result
    }

    /// Sets `process`'s placement to `labels` ("k=v,k2=v2"); empty clears it.
    public static func setPlacement(app: String, process: String, labels: String, store: Store) throws {
        if labels.isEmpty {
            try store.setSetting(app, placementKey(process), nil)
            return
        }
        let parsed = try parse(labels)
        let text = parsed.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        try store.setSetting(app, placementKey(process), text)
    }

    /// "k=v,k2=v2" as labels; throws `ClusterError.badPlacement` otherwise.
    static func parse(_ text: String) throws -> [String: String] {
        var labels: [String: String] = [:]
        for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let (key, value) = NodeLabels.pair(String(pair)), !value.isEmpty else {
                throw ClusterError.badPlacement(text)
            }
            labels[key] = value
        }
        return labels
    }

    /// The swarm constraints for `labels`.
    public static func constraints(_ labels: [String: String]) -> [String] {
        labels.sorted { $0.key < $1.key }.map { "node.labels.\($0.key)==\($0.value)" }
    }
}

/// Node label syntax, shared by `nodes:label` and placements.
public enum NodeLabels {
    /// KEY=VALUE split, when KEY is letters, digits, '.', '_', '-' (at most 100) and VALUE has
    /// no control characters, ',' or '=' (at most 200); VALUE may be empty.
    public static func pair(_ text: String) -> (String, String)? {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let key = String(parts[0])
        let value = String(parts[1])
        let keyOK = key.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\z"#, options: .regularExpression) != nil
        let valueOK = value.count <= 200 && value.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value < 0x7f && $0 != "," && $0 != "=" }
        return keyOK && valueOK ? (key, value) : nil
    }
}
