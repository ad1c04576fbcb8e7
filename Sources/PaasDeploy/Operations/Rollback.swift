import PaasStore

extension Deployer {
    /// Makes a new release from release `version` (default: the one before the live release)
    /// — its image, processes and config — and deploys it.
    public func rollback(app: String, to version: Int?) throws -> Release? {
        let store = try platform.store
        _ = try store.requireApp(app)
        let lock = try acquireLock(app: app, why: "a rollback by \(platform.user)")
        defer { lock.release() }
        guard let live = try store.liveRelease(app) else { throw DeployError.nothingDeployed(app) }
        let target: Release
        if let version {
            guard let found = try store.release(app, version: version) else {
                throw DeployError.noSuchRelease(app: app, version: version)
            }
            target = found
        } else {
            guard let previous = try store.releases(app).first(where: { $0.version < live.version && $0.image != nil }) else {
                throw RollbackError.nothingBefore(app: app, version: live.version)
            }
            target = previous
        }
        try reconcile(app: app)
        platform.step("Rolling \(app) back to v\(target.version)")
        return try redeploy(app: app, base: target, config: target.config, description: "Rollback to v\(target.version)")
    }
}

/// There is nothing to roll back to.
public enum RollbackError: Error, CustomStringConvertible {
    case nothingBefore(app: String, version: Int)
    public var description: String {
        switch self {
        case .nothingBefore(let app, let version): return "\(app) has no release before v\(version) to roll back to"
        }
    }
}
