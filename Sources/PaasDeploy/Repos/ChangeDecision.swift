import PaasStore

/// What a push to a shared repository does with one linked app, decided from tree ids alone.
///
/// The comparison is with the app's live release (what it last deployed), never with the
/// previous ref: an app whose last deploy failed still has an older live release, so the next
/// push deploys it again whether or not that push touched its files; an app linked after its
/// last deploy has no recorded inputs and deploys too.
public enum ChangeDecision: Equatable, Sendable {
    /// Build and deploy, for `reason` ("changed: lib, services/api").
    case deploy(reason: String)
    /// The live release `since` was built from the same inputs.
    case unchanged(since: Int)
    /// Stopped by `ps:stop`: a push to a shared repository never starts it.
    case stopped
    /// The app's inputs cannot be read from the commit (its build dir is missing).
    case invalid(String)

    /// The decision for an app whose inputs in the pushed commit are `inputs` (or the error
    /// reading them), whose live release is `live`, and that `stopped` says is stopped.
    /// `ifChanged: false` deploys whatever changed, except stopped apps.
    public static func decide(
        inputs: Result<[String: String], any Error>, live: Release?, stopped: Bool, ifChanged: Bool = true
    ) -> ChangeDecision {
        if stopped { return .stopped }
        let new: [String: String]
        switch inputs {
        case .failure(let error): return .invalid("\(error)")
        case .success(let value): new = value
        }
        guard let live, live.image != nil else { return .deploy(reason: "not deployed yet") }
        guard let old = live.inputs else { return .deploy(reason: "no inputs recorded for v\(live.version)") }
        let changed = AppInputs.changedPaths(from: old, to: new)
        if changed.isEmpty {
            return ifChanged ? .unchanged(since: live.version) : .deploy(reason: "asked to deploy")
        }
        return .deploy(reason: "changed since v\(live.version): " + changed.joined(separator: ", "))
    }
}
