import AppSpec
import PaasGit

/// Reads an app's app.json from the pushed commit (in its build dir), straight from git.
public enum AppJSONLoader {
    /// The parsed app.json at the root of `buildDir` in `commit`, or nil when there is none.
    /// Errors name the file's path in the repository (`services/api/app.json line 3, ...`).
    public static func load(repository: GitRepository, commit: String, buildDir: String?) throws -> AppJSON? {
        let path = BuilderSettings.path("app.json", in: buildDir)
        guard let bytes = try repository.readFile(commit: commit, path: path) else { return nil }
        return try parse(bytes, path: path)
    }

    /// Parses `bytes` as app.json, errors prefixed by `path`.
    public static func parse(_ bytes: [UInt8], path: String) throws -> AppJSON {
        do {
            return try AppJSON.parse(bytes)
        } catch let error as AppSpecError {
            let message = error.message
            if message.hasPrefix("app.json") { throw AppSpecError(path + message.dropFirst("app.json".count)) }
            throw AppSpecError("\(path): \(message)")
        }
    }
}
