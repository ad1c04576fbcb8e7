import Foundation
import PaasGit
import PaasSupport

/// The pre-receive hook of a shared repository: deploys every linked app whose inputs changed.
///
/// git accepts the push (moves the branch) only when every app that had to deploy did. Any
/// failure rejects it: the pusher sees it, the apps that deployed stay live, and since the ref
/// does not move while the failed apps keep their older live release, the next push retries
/// exactly those. The rejected push's objects are kept so the deployed releases can still be
/// read back (see `GitRepository.keepQuarantinedObjects`).
public struct SharedPreReceive {
    let platform: Platform
    let repo: String

    /// The hook of shared repository `repo`.
    public init(platform: Platform, repo: String) {
        self.platform = platform
        self.repo = repo
    }

    /// Handles a push; returns the exit status for git.
    public func run(
        updates: [PreReceive.Update], environment: [String: String],
        open: @escaping @Sendable () throws -> GitRepository
    ) -> Int32 {
        do {
            let branch = PreReceive.deployBranch(configured: nil, pushed: updates)
            var target: PreReceive.Update?
            for update in updates {
                if update.branch == branch {
                    if update.isDelete {
                        platform.log.line(
                            " !     refusing to delete \(branch), the branch shared repository \(repo) deploys from")
                        return 1
                    }
                    target = update
                } else {
                    platform.log.line("-----> \(update.ref) accepted, not deployed (\(repo) deploys \(branch))")
                }
            }
            guard let target else { return 0 }
            let deploys = RepoDeploy(platform: platform, repo: repo)
            let lock = try deploys.acquireLock(why: "a push of \(target.new.prefix(7)) by \(platform.user)")
            defer { lock.release() }
            // After waiting for another push: git will refuse this update if that one moved the ref.
            let current = try? open().commit(target.ref).id
            if current != (target.old.allSatisfy { $0 == "0" } ? nil : target.old) {
                throw DeployError.refMoved(ref: target.ref, to: current.map { String($0.prefix(7)) } ?? "nothing")
            }
            let results = try deploys.run(commit: target.new, open: open)
            deploys.report(results)
            guard results.contains(where: \.failed) else { return 0 }
            if results.contains(where: { if case .deployed = $0.outcome { true } else { false } }) {
                try? GitRepository.keepQuarantinedObjects(environment: environment)
            }
            platform.log.line(
                " !     push rejected: \(results.filter(\.failed).map(\.app).joined(separator: ", ")) failed; "
                    + "the apps that deployed stay live, and the next push retries the failed ones")
            return 1
        } catch {
            platform.log.line(" !     \(error)")
            return 1
        }
    }
}
