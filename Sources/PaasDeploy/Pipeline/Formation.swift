import AppSpec

/// How many instances of each process type run.
public enum Formation {
    /// The formation after a deploy: the current one, restricted to the Procfile's types when
    /// there is a Procfile, with `web` at 1 when it was never scaled (Heroku's default) and
    /// other new types at 0.
    public static func resolve(current: [String: Int], procfile: Procfile?) -> [String: Int] {
        guard let procfile else { return ["web": current["web"] ?? 1] }
        var result: [String: Int] = [:]
        for (name, _) in procfile.processes where name != "release" {
            result[name] = current[name] ?? (name == "web" ? 1 : 0)
        }
        return result
    }
}
