extension Settings {
    /// `builder.selected`; nil: detect (a Dockerfile in the build dir wins).
    public static let builderSelected = Setting<BuilderSettings.Kind?>(
        "builder.selected", default: nil, expected: "dockerfile or image",
        help: "How the app builds; unset, a Dockerfile in the build dir wins.",
        parse: { text in
            guard let kind = BuilderSettings.Kind(rawValue: text) else { throw InvalidSettingValue() }
            return kind
        },
        encode: { $0?.rawValue }, describe: { $0?.rawValue ?? "detect" })

    /// `builder.image`.
    public static let builderImage = Setting<String>(
        "builder.image", default: "paas/builder-python:latest",
        expected: "an image reference such as paas/builder-python:latest", help: "The builder image of image builds.",
        global: true,
        parse: { text in
            guard !text.contains(where: \.isWhitespace) else { throw InvalidSettingValue() }
            return text
        },
        encode: { $0 }, describe: { $0 })

    /// `builder.dockerfile`.
    public static let builderDockerfile = Setting<String>(
        "builder.dockerfile", default: "Dockerfile",
        expected: "a relative path inside the repository, such as deploy/Dockerfile",
        help: "The Dockerfile of dockerfile builds, relative to the build dir.",
        parse: { try BuilderSettings.normalize(path: $0) }, encode: { $0 }, describe: { $0 })

    /// `builder.build-dir`; nil: the repository root.
    public static let builderBuildDir = Setting<String?>(
        "builder.build-dir", default: nil, expected: "a relative path inside the repository, such as services/api",
        help: "The directory of the repository that is built.",
        parse: { try BuilderSettings.normalize(buildDir: $0) }, encode: { $0 }, describe: { $0 ?? "(repository root)" })
}

extension SettingFamily {
    /// `builder:set`, `builder:report`.
    public static let builder = SettingFamily(
        "builder", about: "how an app builds",
        settings: [
            Settings.builderSelected.erased, Settings.builderImage.erased, Settings.builderDockerfile.erased,
            Settings.builderBuildDir.erased,
        ])
}
