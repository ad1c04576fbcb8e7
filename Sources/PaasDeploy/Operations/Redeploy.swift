import AppSpec
import DockerEngine
import Foundation
import PaasGit
import PaasStore
import PaasSupport

extension Deployer {
    /// Rolls out a new release of `app` made from an existing image — a config change, a
    /// rollback, a restart — through the same start-first rollout as a push; no rebuild.
    ///
    /// The caller holds the app's lock. `config` is the app's own config for the release (and is
    /// stored as the app's config once the release is live); `base` is the release whose image,
    /// processes and source the new release reuses.
    public func redeploy(app: String, base: Release, config: [String: String], description: String) throws -> Release? {
        let store = try platform.store
        var formation = try store.formation(app)
        if formation.isEmpty { formation = base.formation.isEmpty ? ["web": 1] : base.formation }
        if !base.processes.isEmpty {
            formation = formation.filter { base.processes[$0.key] != nil || $0.key == "web" }
        }
        let spec = try self.spec(
            of: base, app: app, config: config, version: try nextVersion(app: app), deployID: DeployID.make(),
            formation: formation)
        let draft = ReleaseDraft(
            app: app, image: spec.image, config: config, formation: formation, processes: base.processes,
            commit: base.commit, tree: base.tree, buildDir: base.buildDir, description: description,
            createdBy: platform.user, deployID: spec.deployID)
        let recorded = try release(spec, draft: draft, newConfig: config)
        finish(app: app, version: recorded.version)
        return try store.liveRelease(app)
    }
}

extension Deployer {
    /// What runs `base`'s image and processes with `config` (the app's own vars; the global ones
    /// are added): the port from the image, the health checks from its source's app.json.
    func spec(
        of base: Release, app: String, config: [String: String], version: Int, deployID: String,
        formation: [String: Int]
    ) throws -> ReleaseSpec {
        guard let image = base.image else { throw DeployError.nothingDeployed(app) }
        guard let inspected = try platform.docker.inspectImage(image) else {
            throw DeployError.imageGone(image: image, version: base.version)
        }
        let env = try platform.store.config(Store.globalScope).merging(config) { _, own in own }
        var spec = ReleaseSpec(
            app: app, version: version, deployID: deployID, image: image, env: env, processes: base.processes,
            formation: formation, port: Self.port(config: env, exposed: inspected.config.exposedPorts))
        spec.healthchecks = healthchecks(of: base)
        return spec
    }

    /// The app.json health checks of the source `release` was built from (read again from the
    /// app's repository); none when the source or its app.json is gone.
    func healthchecks(of release: Release) -> [String: [HealthCheck]] {
        guard let commit = release.commit else { return [:] }
        do {
            let repository = try GitRepository.open(at: platform.root.repo(release.app))
            return try AppJSONLoader.load(repository: repository, commit: commit, buildDir: release.buildDir)?.healthchecks ?? [:]
        } catch {
            platform.log.line(" !     cannot read app.json of v\(release.version): \(error); using the default checks")
            return [:]
        }
    }
}

/// A deploy that cannot start.
public enum DeployError: Error, CustomStringConvertible {
    case nothingDeployed(String)
    case imageGone(image: String, version: Int)
    case noSuchRelease(app: String, version: Int)
    case refMoved(ref: String, to: String)

    public var description: String {
        switch self {
        case .nothingDeployed(let app): return "\(app) has not been deployed yet: git push to it first"
        case .imageGone(let image, let version):
            return "the image of v\(version) (\(image)) no longer exists; only the last releases keep their images"
        case .noSuchRelease(let app, let version):
            return "\(app) has no release v\(version) (see releases \(app))"
        case .refMoved(let ref, let to):
            return "\(ref) moved to \(to) while this push waited for another deploy; fetch, merge and push again"
        }
    }
}
