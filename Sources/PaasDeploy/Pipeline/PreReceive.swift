import Foundation
import PaasGit
import PaasSupport

/// The pre-receive hook: reads git's `old new ref` lines and deploys the deploy branch.
///
/// Returns the hook's exit status: non-zero rejects the whole push ("pre-receive hook declined"),
/// which is what a failed deploy must do so the pusher knows.
public struct PreReceive {
    /// One line of the hook's input.
    public struct Update: Equatable, Sendable {
        public var old: String
        public var new: String
        public var ref: String

        public var isDelete: Bool { new.allSatisfy { $0 == "0" } }
        public var branch: String? { ref.hasPrefix("refs/heads/") ? String(ref.dropFirst(11)) : nil }
    }

    let platform: Platform
    let app: String

    public init(platform: Platform, app: String) {
        self.platform = platform
        self.app = app
    }

    /// Parses the hook's stdin.
    public static func parse(_ input: String) -> [Update] {
        input.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3 else { return nil }
            return Update(old: String(parts[0]), new: String(parts[1]), ref: String(parts[2]))
        }
    }

    /// The branch that deploys: the app's `git.deploy-branch` setting, else `main`, else `master`
    /// when that is what is pushed.
    public static func deployBranch(configured: String?, pushed: [Update]) -> String {
        if let configured, !configured.isEmpty { return configured }
        let branches = Set(pushed.compactMap(\.branch))
        if !branches.contains("main") && branches.contains("master") { return "master" }
        return "main"
    }

    /// Handles a push; returns the exit status for git.
    public func run(updates: [Update], repository: () throws -> GitRepository) -> Int32 {
        do {
            let configured = try AppSettings.load(app: app, store: platform.store)[Settings.gitDeployBranch]
            let branch = Self.deployBranch(configured: configured, pushed: updates)
            var target: Update?
            for update in updates {
                if update.branch == branch {
                    if update.isDelete {
                        platform.log.line(" !     refusing to delete \(branch), the branch \(app) deploys from")
                        return 1
                    }
                    target = update
                } else {
                    platform.log.line("-----> \(update.ref) accepted, not deployed (\(app) deploys \(branch))")
                }
            }
            guard let target else { return 0 }
            try Deployer(platform: platform).deployPush(
                app: app, commit: target.new, repository: try repository(), expected: (target.ref, target.old))
            return 0
        } catch {
            platform.log.line(" !     \(error)")
            return 1
        }
    }
}
