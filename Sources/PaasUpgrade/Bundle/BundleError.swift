/// A bundle that cannot be installed, in the operator's words.
public enum BundleError: Error, CustomStringConvertible, Equatable {
    case tooLarge(limit: Int)
    case unreadable(String)
    case checksums(String)
    case manifest(String)
    case badVersion(String)
    case sameVersion(String)
    case downgrade(from: String, to: String)
    case schemaTooOld(to: String, schema: Int, current: Int)
    case tooOldToUpgrade(current: String, minimum: String)
    case binaryDoesNotRun(command: String, output: String)

    public var description: String {
        switch self {
        case .tooLarge(let limit):
            return
                "the bundle is larger than \(limit / (1 << 20)) MiB; expected a paas-VERSION.tar.gz made by scripts/package.sh"
        case .unreadable(let detail):
            return "cannot unpack the bundle: \(detail) (expected a paas-VERSION.tar.gz made by scripts/package.sh)"
        case .checksums(let detail):
            return "the bundle's SHA256SUMS do not match its files: \(detail)"
        case .manifest(let detail):
            return "the bundle's manifest.json is not valid: \(detail)"
        case .badVersion(let text):
            return "'\(text)' is not a version; expected MAJOR.MINOR.PATCH like 0.2.0"
        case .sameVersion(let version):
            return "paas \(version) is installed already"
        case .downgrade(let from, let to):
            return "\(to) is older than the installed \(from): a downgrade needs --allow-downgrade"
        case .schemaTooOld(let to, let schema, let current):
            return "\(to) expects database schema \(schema) but the database is at schema \(current); "
                + "going back past a migration is upgrade:rollback's job (it restores the database snapshot)"
        case .tooOldToUpgrade(let current, let minimum):
            return
                "this bundle upgrades paas \(minimum) or later; \(current) is installed (upgrade to \(minimum) first)"
        case .binaryDoesNotRun(let command, let output):
            return "the bundle's paas does not run here: `\(command)` said: \(output)"
        }
    }
}
