import Foundation

extension Settings {
    /// `tasks.timeout`.
    public static let tasksTimeout = Setting<Double>.seconds(
        "tasks.timeout", default: 600, positive: true,
        help: "Seconds a release task may run before it is killed and the deploy stops.")

    /// `releases.keep` (stored as `keep-releases`).
    public static let releasesKeep = Setting<Int>.wholeNumber(
        "releases.keep", storedAs: "keep-releases", default: 10, range: 1...1000,
        help: "How many recent releases keep their image for rollback.")

    /// `git.deploy-branch` (stored as `deploy-branch`); nil: `main`, else `master`.
    public static let gitDeployBranch = Setting<String?>(
        "git.deploy-branch", storedAs: "deploy-branch", default: nil,
        expected: "a branch name (letters, digits, '.', '_', '/', '-')", help: "The branch whose pushes deploy.",
        global: true,
        parse: { text in
            // Character by character: a pattern's `$` would also accept a trailing newline.
            let valid =
                (1...200).contains(text.utf8.count) && text.first.map { $0.isASCII && ($0.isLetter || $0.isNumber) } == true
                && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._/-".contains($0)) }
                && !text.contains("..") && !text.hasSuffix("/") && !text.hasSuffix(".lock")
            guard valid else { throw InvalidSettingValue() }
            return text
        },
        encode: { $0 }, describe: { $0 ?? "main (or master)" })

    /// `git.max-input-size`: the largest push git accepts (its `receive.maxInputSize`).
    public static let gitMaxInputSize = Setting<Int64>.size(
        "git.max-input-size", default: 2 << 30, minimum: 1 << 20,
        help: "The largest push git accepts; a bigger one is refused unstored.")
}

extension SettingFamily {
    /// `tasks:set`, `tasks:report`.
    public static let tasks = SettingFamily(
        "tasks", about: "how release tasks run", settings: [Settings.tasksTimeout.erased])
    /// `releases:set`, `releases:report`.
    public static let releases = SettingFamily(
        "releases", about: "how many releases stay ready for rollback", settings: [Settings.releasesKeep.erased])
    /// `git:set`, `git:report`.
    public static let git = SettingFamily(
        "git", about: "which pushes deploy", settings: [Settings.gitDeployBranch.erased, Settings.gitMaxInputSize.erased])
}
