/// What a release is made of, before the store gives it a version number.
public struct ReleaseDraft: Sendable, Hashable {
    /// The app the release belongs to.
    public var app: String
    /// The image the release runs (nil for a release that only changes config before any build).
    public var image: String?
    /// The config vars snapshot the release runs with (global overlaid by the app's own).
    public var config: [String: String]
    /// Process type -> number of containers.
    public var formation: [String: Int]
    /// Process type -> command, from the Procfile of the build.
    public var processes: [String: String]
    /// The source commit id.
    public var commit: String?
    /// The git tree id of the build directory (the change detector).
    public var tree: String?
    /// The build directory inside the repository, when not the root.
    public var buildDir: String?
    /// What made this release, e.g. "Deploy 1a2b3c4" or "Set FOO".
    public var description: String
    /// Who made it (ssh key name or "root").
    public var createdBy: String
    /// The deploy that made it, if any.
    public var deployID: String?
    /// The git object ids of the deploy's inputs by path (see `Release.inputs`).
    public var inputs: [String: String]?

    /// A draft for `app`; every other field has an empty default.
    public init(
        app: String,
        image: String? = nil,
        config: [String: String] = [:],
        formation: [String: Int] = [:],
        processes: [String: String] = [:],
        commit: String? = nil,
        tree: String? = nil,
        buildDir: String? = nil,
        description: String = "",
        createdBy: String = "",
        deployID: String? = nil,
        inputs: [String: String]? = nil
    ) {
        self.app = app
        self.image = image
        self.config = config
        self.formation = formation
        self.processes = processes
        self.commit = commit
        self.tree = tree
        self.buildDir = buildDir
        self.description = description
        self.createdBy = createdBy
        self.deployID = deployID
        self.inputs = inputs
    }
}
