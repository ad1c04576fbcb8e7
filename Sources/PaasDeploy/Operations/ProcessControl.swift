import DockerEngine
import Foundation
import PaasStore
import PaasSupport

/// `ps:stop`, `ps:start`, `ps:restart`: act on an app's running release as a whole.
public struct ProcessControl {
    let platform: Platform

    public init(platform: Platform) { self.platform = platform }

    /// Stops every process of `app` (they stay stopped across reboots) and makes the proxy answer 503.
    public func stop(app: String) throws {
        let store = try platform.store
        _ = try store.requireApp(app)
        let lock = try Deployer(platform: platform).acquireLock(app: app, why: "ps:stop by \(platform.user)")
        defer { lock.release() }
        let checks = try CheckSettings.load(app: app, store: store)
        if try SchedulerChoice.isSwarm(app: app, store: store) {
            try SwarmRollout(platform: platform, checks: checks).stop(app: app)
            try AppSettings.write(Settings.psStopped, true, app: app, store: store)
            return
        }
        try platform.proxy.update(app: app, domains: try Domains.all(app: app, platform: platform), upstreams: [])
        let containers = try platform.docker.listContainers(all: false, labels: [Labels.app: app, Labels.role: Labels.Role.app.rawValue])
        for c in containers { try platform.cleanupDocker.stopContainer(c.id, timeout: checks.stopTimeout) }
        try AppSettings.write(Settings.psStopped, true, app: app, store: store)
    }

    /// Starts the stopped processes of `app` again (a fresh rollout of its live release).
    public func start(app: String) throws {
        try restart(app: app, why: "ps:start")
    }

    /// Replaces every process of `app` with a fresh one of the same release, start-first.
    public func restart(app: String, why: String = "ps:restart") throws {
        let store = try platform.store
        _ = try store.requireApp(app)
        let deployer = Deployer(platform: platform)
        let lock = try deployer.acquireLock(app: app, why: "\(why) by \(platform.user)")
        defer { lock.release() }
        guard let live = try store.liveRelease(app) else { throw DeployError.nothingDeployed(app) }
        try deployer.reconcile(app: app)
        let deployID = DeployID.make()
        let spec = try deployer.spec(
            of: live, app: app, config: try store.config(app), version: live.version, deployID: deployID,
            formation: try store.formation(app))
        let checks = try CheckSettings.load(app: app, store: store)
        let rollout = Rollout(platform: platform, checks: checks, timer: deployer.timer)
        try rollout.run(spec, domains: try Domains.all(app: app, platform: platform)) {
            try store.setDeployID(app, version: live.version, deployID: deployID)
        }
        try AppSettings.write(Settings.psStopped, false, app: app, store: store)
        // A restart makes no release: its timings are shown, not recorded.
        deployer.timer.report(on: platform)
    }
}
