import Foundation

/// `upgrade/status.json`: what the latest upgrade (or `upgrade:rollback`) is doing or did, step
/// by step. `upgrade:status --format json` prints it as it is.
public struct UpgradeStatus: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case upgrade, rollback }

    public enum State: String, Codable, Sendable {
        /// Checked and handed to the helper, which has not started yet.
        case pending
        case running
        case succeeded
        /// A step failed and the rollback is in progress.
        case rollingBack
        /// A step failed (or the helper died) and the old version is back.
        case rolledBack
        /// The rollback itself failed: see `failure` and the log.
        case rollbackFailed

        /// Whether nothing more will happen.
        public var isFinal: Bool { self == .succeeded || self == .rolledBack || self == .rollbackFailed }
    }

    /// One `step | message | time` line.
    public struct Step: Codable, Sendable, Equatable {
        /// 1 to 7 for the upgrade's steps; 0 for rollback lines.
        public var number: Int
        public var name: String
        /// "running", "done", "failed".
        public var state: String
        public var message: String
        public var time: Date
        /// How long the step took, once it ended.
        public var seconds: Double?
    }

    /// The step that failed: its command and what that command said.
    public struct Failure: Codable, Sendable, Equatable {
        public var step: Int
        public var name: String
        public var command: String
        public var output: String
    }

    public var id: String
    public var kind: Kind
    public var from: VersionReport
    public var to: VersionReport
    public var state: State
    /// The host's binary folder the upgrade installs into.
    public var binDirectory: String
    /// Where the binaries and plugins to install come from (a bundle, or a kept snapshot).
    public var source: String
    /// SQL migrations to apply at step 4, if any.
    public var migrations: String?
    /// A database snapshot to restore at step 4 instead of migrating (`upgrade:rollback` to an
    /// older schema).
    public var restoreDatabase: String?
    /// The helper container's name.
    public var helper: String
    public var started: Date
    public var finished: Date?
    public var steps: [Step]
    public var failure: Failure?
    /// The rollback's own lines.
    public var rollback: [Step]
    /// Set when a helper died and another process completed the rollback.
    public var interrupted: Bool

    public init(
        id: String, kind: Kind, from: VersionReport, to: VersionReport, binDirectory: String, source: String,
        migrations: String?, restoreDatabase: String?, helper: String, started: Date = Date()
    ) {
        self.id = id
        self.kind = kind
        self.from = from
        self.to = to
        self.state = .pending
        self.binDirectory = binDirectory
        self.source = source
        self.migrations = migrations
        self.restoreDatabase = restoreDatabase
        self.helper = helper
        self.started = started
        self.finished = nil
        self.steps = []
        self.failure = nil
        self.rollback = []
        self.interrupted = false
    }

    /// The last step that started, or 0.
    public var lastStep: Int { steps.map(\.number).max() ?? 0 }

    /// One line saying how it ended (or where it is).
    public var summary: String {
        let what = kind == .upgrade ? "upgrade" : "rollback"
        switch state {
        case .pending: return "\(what) \(id) to \(to.version): waiting for its helper to start"
        case .running: return "\(what) \(id) to \(to.version): step \(lastStep) of 7"
        case .succeeded: return "\(what) \(id): paas \(to.version) is installed (schema \(to.schemaVersion))"
        case .rollingBack: return "\(what) \(id) to \(to.version) failed; rolling back to \(from.version)"
        case .rolledBack:
            let why = interrupted ? "was interrupted" : "failed at step \(failure?.step ?? lastStep)"
            return "\(what) \(id) to \(to.version) \(why); rolled back, paas \(from.version) is in place"
        case .rollbackFailed:
            return "\(what) \(id) to \(to.version) failed and so did its rollback: see upgrade:log"
        }
    }
}
