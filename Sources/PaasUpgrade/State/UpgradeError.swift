/// An upgrade that cannot start or go on, in the operator's words.
public enum UpgradeError: Error, CustomStringConvertible {
    case state(String)
    case inProgress(id: String, version: String)
    case nothingKept
    case helper(String)
    case failed(String)
    case databaseChanged(version: String, schema: Int)

    public var description: String {
        switch self {
        case .state(let detail): return detail
        case .inProgress(let id, let version):
            return "an upgrade to \(version) (\(id)) is in progress; follow it with upgrade:status"
        case .nothingKept:
            return "there is no previous version to roll back to (upgrade:rollback follows a finished upgrade)"
        case .helper(let detail): return "cannot start the upgrade's helper container: \(detail)"
        case .failed(let summary): return summary
        case .databaseChanged(let version, let schema):
            return
                "the database changed since the upgrade, and \(version) (schema \(schema)) can only have the database "
                + "kept before it: add --discard-changes to lose what changed since (deploys, config, keys)"
        }
    }
}
