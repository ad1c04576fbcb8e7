import Foundation
import PaasSupport

/// Follows an upgrade's `status.json` (`upgrade --wait`), printing each step as it ends, until
/// the upgrade is over, its helper is gone, or this process is asked to stop (the upgrade goes
/// on without it).
public struct UpgradeFollower {
    let paths: UpgradePaths
    let log: Terminal
    let helperExists: (String) -> Bool

    public init(root: StateRoot, log: Terminal, helperExists: @escaping (String) -> Bool) {
        self.paths = UpgradePaths(root: root)
        self.log = log
        self.helperExists = helperExists
    }

    /// Prints the progress of upgrade `id` until it is final; returns its last status.
    public func follow(_ id: String, cancellation: Cancellation = .shared) throws -> UpgradeStatus {
        let file = StatusFile(paths: paths)
        var printed: Set<String> = []
        var lastSeenAlive = ContinuousClock.now
        while true {
            guard let status = try file.load(), status.id == id else {
                throw UpgradeError.state("upgrade \(id) is gone")
            }
            for step in status.steps where step.state != "running" {
                let key = "\(step.number)/\(step.state)"
                if printed.insert(key).inserted {
                    log.line(
                        "-----> [\(step.number)/7] \(step.name): \(step.state == "failed" ? "FAILED: " : "")\(step.message)"
                    )
                }
            }
            for (index, line) in status.rollback.enumerated() where printed.insert("r\(index)").inserted {
                log.line("-----> [rollback] \(line.name): \(line.state == "failed" ? "FAILED: " : "")\(line.message)")
            }
            if status.state.isFinal { return status }
            if HelperLock.isHeld(paths) || helperExists(status.helper) {
                lastSeenAlive = ContinuousClock.now
            } else if ContinuousClock.now - lastSeenAlive > .seconds(status.state == .pending ? 60 : 5) {
                return status
            }
            if let reason = cancellation.reason { throw CancelledError(reason: reason) }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// The failure of a finished upgrade as lines: the step, its command and what it said.
    public static func describe(_ status: UpgradeStatus) -> [String] {
        var lines = [status.summary]
        if let failure = status.failure {
            lines.append("step: \(failure.step == 0 ? failure.name : "\(failure.step) (\(failure.name))")")
            lines.append("command: \(failure.command)")
            lines.append("output:")
            lines += failure.output.split(separator: "\n").map { "  " + $0 }
        }
        return lines
    }
}
