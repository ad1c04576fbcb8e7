import Foundation

extension Settings {
    /// `repos.parallel`: how many linked apps one push to a shared repository deploys at once.
    /// Set per repository with `repos:set NAME parallel N`; stored with the repository.
    public static let reposParallel = Setting<Int>.wholeNumber(
        "repos.parallel", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...64,
        help: "How many changed linked apps one push deploys at once.")
}
