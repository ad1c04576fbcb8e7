import PaasGit
import PaasStore

/// How an app is built; per app, set with `builder:set APP KEY VALUE`, shown by `builder:report`.
public struct BuilderSettings: Sendable, Equatable {
    /// The two ways paas builds an app.
    public enum Kind: String, Sendable, CaseIterable {
        /// `POST /build` with the app's Dockerfile.
        case dockerfile
        /// An ephemeral container of a builder image (docs/builders.md).
        case image
    }

    /// The chosen kind; nil means detect (a Dockerfile in the build dir wins).
    public var selected: Kind?
    /// The builder image for `.image` builds.
    public var image = Settings.builderImage.defaultValue
    /// The Dockerfile's path, relative to the build dir.
    public var dockerfile = Settings.builderDockerfile.defaultValue
    /// The subtree of the repository that is built (no trailing slash); nil = the root.
    public var buildDir: String?

    public init() {}

    /// The settings of `app` (declared in `Settings+Builder.swift`), defaults where unset.
    public static func load(app: String, store: Store) throws -> BuilderSettings {
        let s = try AppSettings.load(app: app, store: store)
        var b = BuilderSettings()
        b.selected = s[Settings.builderSelected]
        b.image = s[Settings.builderImage]
        b.dockerfile = s[Settings.builderDockerfile]
        b.buildDir = s[Settings.builderBuildDir]
        return b
    }

    /// `./services/api/` → `services/api`; `""`, `.` and `/` → nil (the root). Rejects `..` and
    /// other absolute paths.
    public static func normalize(buildDir: String) throws -> String? {
        if buildDir == "/" { return nil }
        if buildDir.hasPrefix("/") { return try normalize(path: buildDir) }
        let trimmed = buildDir.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
        if trimmed.isEmpty { return nil }
        return try normalize(path: trimmed)
    }

    /// `path` when it is relative and stays inside the repository.
    static func normalize(path: String) throws -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !parts.contains(".."), !parts.contains("") else { throw InvalidSettingValue() }
        return path
    }

    /// `name` inside `buildDir` (or at the root).
    public static func path(_ name: String, in buildDir: String?) -> String {
        buildDir.map { $0 + "/" + name } ?? name
    }

    /// `name` inside this app's build dir.
    public func path(_ name: String) -> String { Self.path(name, in: buildDir) }

    /// The kind for `commit`: the selected one, else `.dockerfile` when the build dir has the
    /// Dockerfile, else `.image`.
    public func kind(repository: GitRepository, commit: String) throws -> Kind {
        if let selected { return selected }
        return try Self.detect(hasDockerfile: repository.readFile(commit: commit, path: path(dockerfile)) != nil)
    }

    /// The detection rule: a Dockerfile wins.
    public static func detect(hasDockerfile: Bool) -> Kind { hasDockerfile ? .dockerfile : .image }
}
