import PaasDeploy
import PaasSupport

/// Where upgrade state lives in the state root: `upgrade/` holds the gate (`current.json`), the
/// lock the acting helper holds, `status.json` of the latest upgrade, `kept.json` naming the
/// version `upgrade:rollback` goes back to, and one folder per upgrade id.
public struct UpgradePaths: Sendable {
    public let root: StateRoot

    public init(root: StateRoot) { self.root = root }

    /// `upgrade/`.
    public var directory: String { UpgradeGate.directory(root) }
    /// The gate: present while an upgrade or its rollback is unfinished.
    public var gate: String { UpgradeGate.file(root) }
    /// flock(2)ed by the helper that acts; free when no helper runs.
    public var lock: String { directory + "/lock" }
    /// The latest upgrade's steps.
    public var status: String { directory + "/status.json" }
    /// The version kept for `upgrade:rollback`.
    public var kept: String { directory + "/kept.json" }

    /// The folder of upgrade `id`.
    public func work(_ id: String) -> String { directory + "/" + id }
    /// The unpacked bundle of upgrade `id`.
    public func bundle(_ id: String) -> String { work(id) + "/bundle" }
    /// What upgrade `id` replaced: database, binaries, plugins, proxy files.
    public func snapshot(_ id: String) -> String { work(id) + "/snapshot" }
    /// The copy of the paas binary that started upgrade `id`; the helper runs it.
    public func orchestrator(_ id: String) -> String { work(id) + "/paas" }
    /// Every line of upgrade `id`: steps, commands and their output.
    public func log(_ id: String) -> String { work(id) + "/upgrade.log" }
    /// The apps' answers through the proxy before upgrade `id`.
    public func probes(_ id: String) -> String { work(id) + "/probes.json" }
}
