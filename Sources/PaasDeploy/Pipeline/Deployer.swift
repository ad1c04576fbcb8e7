import AppSpec
import DockerEngine
import Foundation
import PaasGit
import PaasPluginKit
import PaasStore
import PaasSupport

/// The deploy pipeline: lock, reconcile, read the source from git, build, roll out, record the
/// release, clean up old images. A failure at any step before the switch leaves the previous
/// release serving and nothing of the new one behind.
public struct Deployer {
    let platform: Platform
    /// Build even when the build dir has not changed since the live release.
    public var force = false
    /// The input ids to record in the release (a shared repository's deploy reads them with the
    /// watched paths); nil records the build dir's tree alone.
    public var inputs: [String: String]?
    /// How long a deploy waits for another one of the same app to finish.
    public var lockWait: Duration = .seconds(600)
    /// Times this deploy's phases, from its creation on (see `finish`).
    public let timer: PhaseTimer

    public init(platform: Platform) {
        self.platform = platform
        timer = PhaseTimer(stopwatch: platform.stopwatch)
    }

    // MARK: - Entry points

    /// Builds and deploys `commit` of `app`'s repository (the pushed commit, inside the hook).
    ///
    /// `expected` is the branch update being pushed: if another push moved the branch while this
    /// one waited for the lock, git would refuse this push's update after its deploy went live,
    /// so the deploy is refused first.
    public func deployPush(
        app: String, commit: String, repository: GitRepository, expected: (ref: String, old: String)? = nil
    ) throws {
        let lock = try acquireLock(app: app, why: "a push of \(commit.prefix(7)) by \(platform.user)")
        defer { lock.release() }
        if let expected {
            let current = try? repository.commit(expected.ref).id
            let old = expected.old.allSatisfy { $0 == "0" } ? nil : expected.old
            if current != old {
                throw DeployError.refMoved(ref: expected.ref, to: current.map { String($0.prefix(7)) } ?? "nothing")
            }
        }
        try reconcile(app: app)
        let deployID = DeployID.make()
        var stage = "build"
        var image: String?
        do {
            try deploy(app: app, commit: commit, repository: repository, deployID: deployID, stage: &stage, image: &image)
        } catch {
            timer.report(on: platform)
            if let image { _ = try? platform.cleanupDocker.removeImage(image, force: true) }
            let why = error is CancelledError || Cancellation.shared.isCancelled ? "interrupted" : stage
            platform.notify(.deployFailed, app: app, payload: DeployFailed(deploy: deployID, stage: why, message: "\(error)"))
            throw error
        }
    }

    private func deploy(
        app: String, commit: String, repository: GitRepository, deployID: String, stage: inout String, image: inout String?
    ) throws {
        let store = try platform.store
        let info = try repository.commit(commit)
        let builder = try BuilderSettings.load(app: app, store: store)
        let source = try SourceReader(repository: repository, commit: info.id, builder: builder)
        if !force, let live = try BuildDirCheck.unchanged(store: store, app: app, treeID: source.treeID) {
            platform.step(BuildDirCheck.message(buildDir: builder.buildDir, live: live) + " (ps:rebuild APP --force builds anyway)")
            timer.skip(.build, because: "unchanged")
            timer.report(on: platform)
            return
        }
        if try SchedulerChoice.isSwarm(app: app, store: store) {
            // Refused before the build: no swarm, a placement no node matches, the registry down.
            let formation = Formation.resolve(current: try store.formation(app), procfile: source.procfile)
            try SwarmRollout(platform: platform, checks: CheckSettings())
                .preflight(app: app, processes: formation.filter { $0.value > 0 }.map(\.key))
            try SwarmRegistry.current(platform: platform).requireAnswering()
        }
        let version = try nextVersion(app: app)
        let tag = "paas/\(app):v\(version)"
        // A deploy killed after its build left this tag behind; it belongs to no release.
        try platform.cleanupDocker.removeImage(tag, force: true)
        let config = try store.mergedConfig(app)
        let amended = try platform.fire(
            .preBuild, app: app,
            payload: PreBuild(deploy: deployID, commit: info.id, tree: source.treeID, builder: source.kind.rawValue, buildArgs: [:]))
        image = tag
        timer.begin(.build)
        let buildLimit = try BuildTimeout.arm(app: app, store: store)
        defer { buildLimit.disarm() }
        let context = try repository.archive(treeID: source.treeID)
        let imageID: String
        switch source.kind {
        case .dockerfile:
            platform.step("Building \(app) from \(builder.path(source.dockerfilePath)) (\(info.id.prefix(7)): \(info.summary))")
            imageID = try DockerfileBuild(platform: platform).build(
                app: app, image: tag, context: context, dockerfile: source.dockerfilePath, buildArgs: amended.buildArgs)
            timer.end(.build)
        case .image:
            platform.step("Building \(app) with \(builder.image) (\(info.id.prefix(7)): \(info.summary))")
            imageID = try BuilderImageBuild(platform: platform).build(
                app: app, image: tag, builder: builder.image, source: context, env: config, procfile: source.procfile,
                version: version, deployID: deployID)
            timer.end(.build)
        }
        buildLimit.disarm()
        try platform.fire(.postBuild, app: app, payload: PostBuild(deploy: deployID, image: tag, commit: info.id))
        stage = "release"
        let inspected = try platform.docker.inspectImage(imageID)
        let formation = Formation.resolve(current: try store.formation(app), procfile: source.procfile)
        var spec = ReleaseSpec(
            app: app, version: version, deployID: deployID, image: tag, env: config,
            processes: (source.procfile?.commands ?? [:]).filter { $0.key != "release" }, formation: formation,
            port: Self.port(config: config, exposed: inspected?.config.exposedPorts ?? []))
        spec.healthchecks = source.appJSON?.healthchecks ?? [:]
        let draft = ReleaseDraft(
            app: app, image: tag, config: try store.config(app), formation: formation,
            processes: spec.processes, commit: info.id, tree: source.treeID, buildDir: builder.buildDir,
            description: "Deploy \(info.id.prefix(7))", createdBy: platform.user, deployID: deployID,
            inputs: inputs ?? [builder.buildDir ?? "": source.treeID])
        try platform.fire(.preRelease, app: app, payload: PreRelease(deploy: deployID, image: tag, release: version))
        let tasks = ReleaseTasks(platform: platform, timeout: try ReleaseTasks.timeout(app: app, store: store))
            .timed(by: timer)
        for phase in [ReleaseTasks.Phase.predeploy, .release] {
            try tasks.run(phase, command: ReleaseTasks.command(phase, appJSON: source.appJSON, procfile: source.procfile), spec: spec)
        }
        stage = "health"
        let recorded = try release(spec, draft: draft, newConfig: nil)
        image = nil
        if let postdeploy = ReleaseTasks.command(.postdeploy, appJSON: source.appJSON, procfile: source.procfile) {
            stage = "postdeploy"
            do {
                try tasks.run(.postdeploy, command: postdeploy, spec: spec)
            } catch {
                platform.log.line(" !     v\(version) is live, but its postdeploy task failed: \(error)")
                throw error
            }
        }
        platform.notify(.postDeploy, app: app, payload: PostDeploy(deploy: deployID, release: version, image: tag, commit: info.id))
        ImageCleaner(platform: platform).clean(app: app)
        platform.step("Application deployed: http://\(Domains.defaultDomain(app: app, platform: platform))")
        finish(app: app, version: recorded.version)
    }

    // MARK: - Shared steps

    /// Rolls `spec` out and records `draft` as the live release once traffic has switched;
    /// `newConfig`, when given, replaces the app's config in the same transaction. Returns the
    /// recorded release.
    @discardableResult
    public func release(_ spec: ReleaseSpec, draft: ReleaseDraft, newConfig: [String: String]?) throws -> Release {
        let store = try platform.store
        let checks = try CheckSettings.load(app: spec.app, store: store)
        var recorded: Release?
        let rollout = Rollout(platform: platform, checks: checks, timer: timer)
        try rollout.run(spec, domains: try Domains.all(app: spec.app, platform: platform)) {
            let release = try store.recordRelease(draft, config: newConfig)
            try store.setLive(spec.app, version: release.version)
            try store.setFormation(spec.app, spec.formation)
            recorded = release
        }
        guard let recorded else { throw StoreError.noSuchRelease(app: spec.app, version: spec.version) }
        return recorded
    }

    /// Takes the app's lock, telling the user while waiting for someone else's deploy.
    public func acquireLock(app: String, why: String) throws -> AppLock {
        try timer.measure(.lock) {
            try AppLock.acquire(root: platform.root, app: app, holder: why, wait: lockWait) { holder in
                platform.step("Waiting for \(app): \(holder)")
            }
        }
    }

    /// Removes what interrupted deploys of `app` left behind (the caller holds its lock).
    public func reconcile(app: String) throws {
        try timer.measure(.reconcile) { _ = try Reconciler(platform: platform).reconcile(app: app) }
    }

    /// Records the timings in release `version` and prints them: the last lines of the deploy.
    /// Failing to record them is a warning; the deploy is done.
    public func finish(app: String, version: Int) {
        let timings = timer.timings
        do {
            try platform.store.setTimings(app, version: version, timings)
        } catch {
            platform.log.line(" !     could not record the timings of v\(version): \(error)")
        }
        timer.report(on: platform, timings)
    }

    /// The number the next release of `app` will get (callers hold the app's lock).
    public func nextVersion(app: String) throws -> Int {
        try platform.store.nextVersion(app)
    }

    /// The port web processes listen on: `PORT` from config, else the image's first EXPOSEd
    /// TCP port, else 5000.
    public static func port(config: [String: String], exposed: [String]) -> Int {
        if let p = config["PORT"].flatMap(Int.init) { return p }
        let tcp = exposed.compactMap { spec -> Int? in
            let parts = spec.split(separator: "/")
            return parts.count == 1 || parts[1] == "tcp" ? Int(parts[0]) : nil
        }
        return tcp.sorted().first ?? 5000
    }
}
