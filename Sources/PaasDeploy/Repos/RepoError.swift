/// A shared-repository request that cannot be done.
public enum RepoError: Error, CustomStringConvertible, Equatable {
    /// `repos:deploy --app` of an app that is not linked to the repository.
    case notLinked(app: String, repo: String)
    /// A push to the own name of an app that is linked to a shared repository.
    case linkedElsewhere(app: String, repo: String)
    /// A `--watch` path that is absolute or climbs out with "..".
    case watchOutside(String)
    /// A `--path` that is absolute or climbs out with "..".
    case pathOutside(String)
    /// A linked app's directory missing from the commit being deployed.
    case noPath(String, commit: String)
    /// `repos:unlink` of an app that is not linked.
    case notLinkedAnywhere(String)
    /// `repos:deploy` before anything was pushed.
    case noHead(repo: String)

    /// One line for the user.
    public var description: String {
        switch self {
        case .notLinked(let app, let repo):
            return "app '\(app)' is not linked to shared repository '\(repo)' (see repos:report \(repo))"
        case .linkedElsewhere(let app, let repo):
            return
                "app '\(app)' is linked to shared repository '\(repo)': push to \(repo) instead, or repos:unlink \(app)"
        case .watchOutside(let path):
            return "watch path '\(path)' is outside the repository: give a path relative to its root, such as lib"
        case .pathOutside(let path):
            return
                "--path '\(path)' is outside the repository: give the app's directory relative to its root, such as services/api"
        case .noPath(let path, let commit):
            return
                "commit \(commit) has no directory '\(path)' (the app's --path); push one that has it, or repos:link the app again with another --path"
        case .notLinkedAnywhere(let app):
            return "app '\(app)' is not linked to a shared repository (see repos:list)"
        case .noHead(let repo):
            return "shared repository '\(repo)' has no pushed main or master branch yet: git push to it first"
        }
    }
}
