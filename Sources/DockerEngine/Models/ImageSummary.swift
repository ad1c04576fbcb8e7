/// One entry of `GET /images/json`.
public struct ImageSummary: Sendable, Equatable {
    /// "sha256:...".
    public var id: String
    /// "name:tag" entries; empty for an untagged image.
    public var repoTags: [String]
    /// "name@sha256:..." entries: the registries it was pulled from or pushed to.
    public var repoDigests: [String] = []
    public var labels: [String: String]
    /// Unix time of creation.
    public var created: Int

    /// Creates a summary (fakes in tests).
    public init(id: String, repoTags: [String] = [], labels: [String: String] = [:], created: Int = 0) {
        self.id = id
        self.repoTags = repoTags
        self.labels = labels
        self.created = created
    }

    // Names mirror Docker's JSON keys.

    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Wire: Decodable {
        var Id: String?
        var RepoTags: [String]?
        var RepoDigests: [String]?
        var Labels: [String: String]?
        var Created: Int?
    }

    init(_ w: Wire) {
        id = w.Id ?? ""
        repoTags = (w.RepoTags ?? []).filter { $0 != "<none>:<none>" }
        repoDigests = (w.RepoDigests ?? []).filter { $0 != "<none>@<none>" }
        labels = w.Labels ?? [:]
        created = w.Created ?? 0
    }
}
