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

    /// The builder image apps use unless `builder:set APP image REF`.
    public static let defaultImage = "paas/builder-python:latest"
    /// The keys `builder:set` accepts; stored in the app's settings as `builder.KEY`.
    public static let keys = ["selected", "image", "dockerfile", "build-dir"]

    /// The chosen kind; nil means detect (a Dockerfile in the build dir wins).
    public var selected: Kind?
    /// The builder image for `.image` builds.
    public var image: String = defaultImage
    /// The Dockerfile's path, relative to the build dir.
    public var dockerfile: String = "Dockerfile"
    /// The subtree of the repository that is built (no trailing slash); nil = the root.
    public var buildDir: String?

    public init() {}

    /// The settings of `app`, defaults where unset.
    public static func load(app: String, store: Store) throws -> BuilderSettings {
        let s = try store.settings(app)
        var b = BuilderSettings()
        b.selected = s["builder.selected"].flatMap(Kind.init(rawValue:))
        if let v = s["builder.image"], !v.isEmpty { b.image = v }
        if let v = s["builder.dockerfile"], !v.isEmpty { b.dockerfile = v }
        b.buildDir = s["builder.build-dir"].flatMap { try? normalize(buildDir: $0) }
        return b
    }

    /// Validates and stores `builder:set APP key value`; a nil or empty value restores the default.
    public static func set(app: String, key: String, value: String?, store: Store) throws {
        guard keys.contains(key) else { throw BuilderError.unknownKey(key) }
        var stored = value.flatMap { $0.isEmpty ? nil : $0 }
        if let v = stored {
            switch key {
            case "selected":
                guard Kind(rawValue: v) != nil else {
                    throw BuilderError.badValue(key: key, value: v, expected: "dockerfile or image")
                }
            case "image":
                guard !v.contains(where: \.isWhitespace) else {
                    throw BuilderError.badValue(key: key, value: v, expected: "an image reference such as paas/builder-python:latest")
                }
            case "dockerfile":
                _ = try normalize(path: v, key: key)
            default:
                stored = try normalize(buildDir: v)
            }
        }
        try store.setSetting(app, "builder.\(key)", stored)
    }

    /// `./services/api/` → `services/api`; `""`, `.` and `/` → nil (the root). Rejects `..` and
    /// other absolute paths.
    public static func normalize(buildDir: String) throws -> String? {
        if buildDir == "/" { return nil }
        if buildDir.hasPrefix("/") { return try normalize(path: buildDir, key: "build-dir") }
        let trimmed = buildDir.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
        if trimmed.isEmpty { return nil }
        return try normalize(path: trimmed, key: "build-dir")
    }

    private static func normalize(path: String, key: String) throws -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !parts.contains(".."), !parts.contains("") else {
            throw BuilderError.badValue(key: key, value: path, expected: "a relative path inside the repository, such as services/api")
        }
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

    /// `builder:report` lines, key and value; `detected` is the kind detection would choose.
    public func report(detected: Kind?) -> [(key: String, value: String)] {
        [
            ("selected", selected?.rawValue ?? "detect" + (detected.map { " (\($0.rawValue))" } ?? "")),
            ("image", image),
            ("dockerfile", dockerfile),
            ("build-dir", buildDir ?? "(repository root)"),
        ]
    }
}
