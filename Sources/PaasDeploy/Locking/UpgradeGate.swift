import Foundation
import PaasSupport

/// The gate an upgrade of paas itself puts up: while `upgrade/current.json` exists in the state
/// root, deploys and every other change under an app's lock are refused with "upgrading to
/// VERSION". Deploys that hold their lock already finish first: the upgrade takes every app's
/// lock once before it touches anything.
///
/// The upgrade's own commands (the re-sync it runs) pass with `PAAS_UPGRADE_ID` set to its id.
public struct UpgradeGate: Codable, Sendable, Equatable {
    /// The upgrade's id.
    public var id: String
    /// What the upgrade installs: the version it goes to (or back to, for a rollback).
    public var version: String
    /// "upgrade" or "rollback".
    public var kind: String

    public init(id: String, version: String, kind: String) {
        self.id = id
        self.version = version
        self.kind = kind
    }

    /// The environment variable that lets an upgrade's own commands through its gate.
    public static let passVariable = "PAAS_UPGRADE_ID"

    /// The folder of upgrade state under `root`.
    public static func directory(_ root: StateRoot) -> String { root.path + "/upgrade" }

    /// The gate file under `root`.
    public static func file(_ root: StateRoot) -> String { directory(root) + "/current.json" }

    /// The gate that is up under `root`, or nil (one stat when there is none).
    public static func current(_ root: StateRoot) -> UpgradeGate? {
        guard let data = FileManager.default.contents(atPath: file(root)) else { return nil }
        return (try? JSONDecoder().decode(UpgradeGate.self, from: data))
            ?? UpgradeGate(id: "?", version: "a new version", kind: "upgrade")
    }

    /// Throws `UpgradeInProgress` when a gate is up that this process may not pass.
    public static func check(
        _ root: StateRoot, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        guard let gate = current(root), environment[passVariable] != gate.id else { return }
        throw UpgradeInProgress(gate: gate)
    }
}

/// A change was refused because paas is upgrading itself.
public struct UpgradeInProgress: Error, CustomStringConvertible {
    public let gate: UpgradeGate
    public var description: String {
        let verb = gate.kind == "rollback" ? "rolling back" : "upgrading"
        return "paas is \(verb) to \(gate.version) (\(gate.id)): try again when upgrade:status says it is done"
    }
}
