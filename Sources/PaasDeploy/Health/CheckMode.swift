import AppSpec
import PaasStore

/// How a process type deploys: `checks:disable` (stop-first), `checks:skip` (start-first,
/// unchecked) or `checks:enable` (start-first, checked). A type is in at most one of the
/// `disabled` and `skipped` sets: putting it in one takes it out of the other, as in Dokku;
/// `_all_` in one empties the other.
public enum CheckMode: Sendable {
    case disabled, skipped, enabled

    /// Puts `processes` (every type when empty) of `app` in this mode. Returns the types in
    /// words: `web, worker` or `all processes`.
    @discardableResult
    public func apply(to processes: [String], app: String, store: Store) throws -> String {
        let names = processes.isEmpty ? [CheckSettings.all] : processes
        for name in names where name != CheckSettings.all && !Procfile.isValidName(name) {
            throw SettingError.badProcessType(name)
        }
        _ = try store.requireApp(app)
        let current = try CheckSettings.load(app: app, store: store)
        var disabled = current.disabled
        var skipped = current.skipped
        let everything = names.contains(CheckSettings.all)
        switch self {
        case .disabled:
            disabled.formUnion(names)
            if everything { skipped.removeAll() } else { skipped.subtract(names) }
        case .skipped:
            skipped.formUnion(names)
            if everything { disabled.removeAll() } else { disabled.subtract(names) }
        case .enabled:
            if everything {
                disabled.removeAll()
                skipped.removeAll()
            } else {
                disabled.subtract(names)
                skipped.subtract(names)
            }
        }
        try AppSettings.write(Settings.checksDisabled, disabled, app: app, store: store)
        try AppSettings.write(Settings.checksSkipped, skipped, app: app, store: store)
        return everything ? "all processes" : names.joined(separator: ", ")
    }
}
