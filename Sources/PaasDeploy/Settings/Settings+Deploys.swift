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
            let valid =
                text.range(of: #"^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$"#, options: .regularExpression) != nil
                && !text.contains("..") && !text.hasSuffix("/") && !text.hasSuffix(".lock")
            guard valid else { throw InvalidSettingValue() }
            return text
        },
        encode: { $0 }, describe: { $0 ?? "main (or master)" })
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
        "git", about: "which pushes deploy", settings: [Settings.gitDeployBranch.erased])
}
