import PaasStore

/// Monorepo change detection: a build dir whose git tree is the one the live release was
/// built from needs no build and no rollout.
public enum BuildDirCheck {
    /// The live release of `app` when it was built from tree `treeID` (and has an image), else nil.
    public static func unchanged(store: Store, app: String, treeID: String) throws -> Release? {
        guard let live = try store.liveRelease(app), live.image != nil, live.tree == treeID else { return nil }
        return live
    }

    /// What the pusher reads when nothing is built: "services/api unchanged since v7".
    public static func message(buildDir: String?, live: Release) -> String {
        "\(buildDir ?? "the source") unchanged since v\(live.version)"
    }
}
