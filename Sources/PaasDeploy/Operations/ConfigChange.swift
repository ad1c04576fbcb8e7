import Foundation
import PaasPluginKit
import PaasStore
import PaasSupport

/// Changes config vars: records a release with the new config and, unless told not to, rolls
/// the running image out again with it. Either the change is live, or nothing changed.
public struct ConfigChange {
    let platform: Platform

    public init(platform: Platform) { self.platform = platform }

    /// Applies `mutate` to the config of `app` (or the global config for `Store.globalScope`).
    /// Returns false when the config did not change.
    /// Fires `config-changed` once the change took effect (and the app's lock is released).
    @discardableResult
    public func apply(app: String, restart: Bool, description: String, _ mutate: (inout [String: String]) -> Void) throws -> Bool {
        let global = app == Store.globalScope
        var before: [String: String] = [:]
        let changed = try change(app: app, restart: restart, description: description) { config in
            before = config
            mutate(&config)
        }
        guard changed else { return false }
        let after = try platform.store.config(app)
        let payload = ConfigChanged(
            set: after.filter { before[$0.key] != $0.value }.keys.sorted(), unset: before.keys.filter { after[$0] == nil }.sorted(),
            release: global ? nil : try platform.store.liveRelease(app)?.version, global: global)
        platform.notify(.configChanged, app: global ? nil : app, payload: payload)
        return true
    }

    private func change(app: String, restart: Bool, description: String, _ mutate: (inout [String: String]) -> Void) throws -> Bool {
        let store = try platform.store
        if app == Store.globalScope {
            return try applyGlobal(restart: restart, description: description, mutate)
        }
        _ = try store.requireApp(app)
        let deployer = Deployer(platform: platform)
        let lock = try deployer.acquireLock(app: app, why: "a config change by \(platform.user)")
        defer { lock.release() }
        var config = try store.config(app)
        let before = config
        mutate(&config)
        if config == before { return false }
        guard let live = try store.liveRelease(app), live.image != nil else {
            try store.replaceConfig(app, with: config)
            return true
        }
        if restart {
            try deployer.reconcile(app: app)
            platform.step("Restarting \(app) with the new config")
            _ = try deployer.redeploy(app: app, base: live, config: config, description: description)
        } else {
            var draft = ReleaseDraft(
                app: app, image: live.image, config: config, formation: live.formation, processes: live.processes,
                commit: live.commit, tree: live.tree, buildDir: live.buildDir, description: description,
                createdBy: platform.user, deployID: live.deployID)
            draft.description = description + " (not restarted)"
            let recorded = try store.recordRelease(draft, config: config)
            try store.setLive(app, version: recorded.version)
            try store.setTimings(app, version: recorded.version, deployer.timer.timings)
        }
        return true
    }

    private func applyGlobal(restart: Bool, description: String, _ mutate: (inout [String: String]) -> Void) throws -> Bool {
        let store = try platform.store
        var config = try store.config(Store.globalScope)
        let before = config
        mutate(&config)
        if config == before { return false }
        try store.replaceConfig(Store.globalScope, with: config)
        guard restart else { return true }
        for app in try store.apps() {
            let deployer = Deployer(platform: platform)
            let lock = try deployer.acquireLock(app: app.name, why: "a global config change by \(platform.user)")
            defer { lock.release() }
            guard let live = try store.liveRelease(app.name), live.image != nil else { continue }
            platform.step("Restarting \(app.name) with the new global config")
            _ = try deployer.redeploy(app: app.name, base: live, config: try store.config(app.name), description: description)
        }
        return true
    }
}
