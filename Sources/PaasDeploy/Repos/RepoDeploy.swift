import Foundation
import PaasGit
import PaasStore
import PaasSupport

/// Deploys the apps linked to a shared repository from one commit: decides from tree ids which
/// apps changed since what each last deployed, then deploys those in parallel (at most the
/// repository's `parallel` at once), each under its own app lock with its output prefixed by
/// its name. One app's failure never stops the others.
public struct RepoDeploy: Sendable {
    /// One linked app and what will happen to it.
    public struct Plan: Sendable {
        public var app: String
        /// The input ids in the commit (nil when they cannot be read).
        public var inputs: [String: String]?
        public var decision: ChangeDecision
    }

    let platform: Platform
    /// The shared repository.
    public let repo: String
    /// Skip apps whose inputs are those of their live release (a push always does).
    public var ifChanged = true
    /// Only these apps (nil: every linked app).
    public var only: [String]?
    /// How long an app's deploy waits for its own lock.
    public var lockWait: Duration = .seconds(600)

    /// Deploys of `repo` on `platform`.
    public init(platform: Platform, repo: String) {
        self.platform = platform
        self.repo = repo
    }

    // MARK: - Deciding

    /// What happens to each linked app (by name) for `commit`: reads tree ids only.
    public func plan(commit: String, lookup: some InputLookup) throws -> [Plan] {
        let store = try platform.store
        var links = try store.links(repo: repo)
        if let only {
            let linked = Set(links.map(\.app))
            if let stranger = only.first(where: { !linked.contains($0) }) {
                throw RepoError.notLinked(app: stranger, repo: repo)
            }
            links = links.filter { only.contains($0.app) }
        }
        return try links.map { link in
            let settings = try AppSettings.load(app: link.app, store: store)
            let inputs = Result<[String: String], any Error> {
                try AppInputs.read(
                    lookup, commit: commit, buildDir: settings[Settings.builderBuildDir], watch: link.watch)
            }
            let decision = ChangeDecision.decide(
                inputs: inputs, live: try store.liveRelease(link.app), stopped: settings[Settings.psStopped],
                ifChanged: ifChanged)
            return Plan(app: link.app, inputs: try? inputs.get(), decision: decision)
        }
    }

    // MARK: - Deploying

    /// Plans and deploys `commit`; returns one result per linked app, by name. `open` opens the
    /// repository (once per deploying app: each build reads it on its own).
    public func run(commit: String, open: @escaping @Sendable () throws -> GitRepository) throws -> [RepoDeployResult] {
        let started = ContinuousClock.now
        let plans = try plan(commit: commit, lookup: try open())
        let decided = ContinuousClock.now - started
        let work = plans.filter { if case .deploy = $0.decision { true } else { false } }
        let parallel = try platform.store.requireRepo(repo).parallel ?? Settings.reposParallel.defaultValue
        platform.step(
            "\(repo) at \(commit.prefix(7)): \(work.count) of \(plans.count) linked app(s) to deploy, "
                + "\(min(parallel, max(work.count, 1))) at a time (decided in \(decided.wholeMilliseconds) ms)")
        for plan in plans {
            switch plan.decision {
            case .deploy(let reason): platform.detail("\(plan.app): \(reason)")
            case .unchanged(let since): platform.detail("\(plan.app): unchanged since v\(since)")
            case .stopped: platform.detail("\(plan.app): stopped (ps:stop), not deployed")
            case .invalid(let reason): platform.detail("\(plan.app): \(reason)")
            }
        }
        let width = work.map(\.app.count).max() ?? 0
        let deployed = ParallelRunner.map(work, limit: parallel) { plan in
            deploy(
                plan, commit: commit, prefix: plan.app.padding(toLength: width, withPad: " ", startingAt: 0), open: open
            )
        }
        var byApp = Dictionary(uniqueKeysWithValues: deployed.map { ($0.app, $0) })
        return plans.map { plan in
            if let result = byApp.removeValue(forKey: plan.app) { return result }
            switch plan.decision {
            case .unchanged(let since): return RepoDeployResult(app: plan.app, outcome: .skipped(since: since))
            case .stopped: return RepoDeployResult(app: plan.app, outcome: .stopped)
            case .invalid(let reason): return RepoDeployResult(app: plan.app, outcome: .failed(reason))
            case .deploy: return RepoDeployResult(app: plan.app, outcome: .failed("not run"))
            }
        }
    }

    /// Prints the table that ends a push.
    public func report(_ results: [RepoDeployResult]) {
        platform.step(
            "\(repo): \(results.filter { if case .deployed = $0.outcome { true } else { false } }.count) deployed, "
                + "\(results.filter(\.failed).count) failed")
        for line in RepoDeployResult.table(results) { platform.detail(line) }
    }

    /// Builds and deploys one app, its output prefixed with its name.
    private func deploy(
        _ plan: Plan, commit: String, prefix: String, open: () throws -> GitRepository
    ) -> RepoDeployResult {
        let started = ContinuousClock.now
        let terminal = Terminal(prefix: prefix + " | ", writingTo: platform.log)
        defer { terminal.flush() }
        let appPlatform = platform.logging(to: terminal)
        var deployer = Deployer(platform: appPlatform)
        deployer.force = true
        deployer.inputs = plan.inputs
        deployer.lockWait = lockWait
        let outcome: RepoDeployResult.Outcome
        do {
            try deployer.deployPush(app: plan.app, commit: commit, repository: try open())
            outcome = .deployed(version: try appPlatform.store.liveRelease(plan.app)?.version ?? 0)
        } catch {
            terminal.line(" !     \(error)")
            outcome = .failed(String("\(error)".prefix { $0 != "\n" }))
        }
        let elapsed = ContinuousClock.now - started
        return RepoDeployResult(
            app: plan.app, outcome: outcome, seconds: Double(elapsed.wholeMilliseconds) / 1000)
    }

    // MARK: - The repository's lock

    /// Takes the shared repository's lock: one push (or `repos:deploy`) at a time decides and
    /// deploys, so the second compares with what the first deployed.
    public func acquireLock(why: String) throws -> AppLock {
        try AppLock.acquire(root: platform.root, app: "repo." + repo, holder: why, wait: lockWait) { holder in
            platform.step("Waiting for shared repository \(repo): \(holder)")
        }
    }
}
