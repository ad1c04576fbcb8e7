/// What paas reads from an app's `app.json` (Heroku's format with Dokku's additions).
/// Unknown keys are ignored.
public struct AppJSON: Sendable, Equatable {
    /// Deploy tasks.
    public struct Scripts: Sendable, Equatable {
        /// Runs in a throwaway container of the new image before the switch.
        public var predeploy: String?
        /// Runs in a throwaway container of the new image after the switch.
        public var postdeploy: String?

        /// Scripts with these commands.
        public init(predeploy: String? = nil, postdeploy: String? = nil) {
            self.predeploy = predeploy
            self.postdeploy = postdeploy
        }
    }

    /// `scripts.dokku.predeploy`/`postdeploy`, else Heroku's `scripts.predeploy`/`postdeploy`.
    public var scripts: Scripts
    /// Process type -> quantity, from Heroku's `"formation": {"web": {"quantity": 1}}`
    /// (a missing quantity means 1).
    public var formation: [String: Int]
    /// Process type -> checks, from Dokku's `healthchecks`.
    public var healthchecks: [String: [HealthCheck]]
    /// The names declared in Heroku's `env` (descriptions and values are not used), sorted.
    public var env: [String]

    /// An app.json with these parts.
    public init(
        scripts: Scripts = Scripts(), formation: [String: Int] = [:], healthchecks: [String: [HealthCheck]] = [:],
        env: [String] = []
    ) {
        self.scripts = scripts
        self.formation = formation
        self.healthchecks = healthchecks
        self.env = env
    }

    /// Parses app.json. Malformed JSON gives an error naming line and column; a value of the
    /// wrong type gives one naming the field path (`healthchecks.web[0].attempts`).
    public static func parse(_ bytes: [UInt8]) throws -> AppJSON {
        let root = try JSONParser.parse(bytes, fileName: "app.json")
        let top = try Field(root, path: "").object()
        var result = AppJSON()

        if let scripts = try top.member("scripts")?.object() {
            let dokku = try scripts.member("dokku")?.object()
            result.scripts.predeploy = try (dokku?.member("predeploy") ?? scripts.member("predeploy"))?.string()
            result.scripts.postdeploy = try (dokku?.member("postdeploy") ?? scripts.member("postdeploy"))?.string()
        }
        if let formation = try top.member("formation")?.object() {
            for (process, entry) in formation.members {
                let quantity = try entry.object(like: #"{"quantity": 1}"#).member("quantity")?.count()
                result.formation[process] = quantity ?? 1
            }
        }
        if let healthchecks = try top.member("healthchecks")?.object() {
            for (process, list) in healthchecks.members {
                result.healthchecks[process] = try list.array().map { try healthCheck($0.object()) }
            }
        }
        if let env = try top.member("env")?.object() {
            result.env = env.members.map(\.0).sorted()
        }
        return result
    }

    static func healthCheck(_ o: Field.Object) throws -> HealthCheck {
        var check = HealthCheck()
        if let type = try o.member("type")?.string() {
            guard let kind = HealthCheck.Kind(rawValue: type) else {
                throw AppSpecError("app.json: \(o.path).type must be one of startup, liveness, readiness")
            }
            check.type = kind
        }
        check.name = try o.member("name")?.string()
        check.path = try o.member("path")?.string()
        check.port = try o.member("port")?.count()
        check.attempts = try o.member("attempts")?.count()
        check.timeout = try o.member("timeout")?.count()
        check.wait = try o.member("wait")?.count()
        check.initialDelay = try o.member("initialDelay")?.count()
        check.content = try o.member("content")?.string()
        check.uptime = try o.member("uptime")?.count()
        check.listening = try o.member("listening")?.bool()
        if let command = o.member("command") {
            if case .string(let line) = command.value {
                check.command = ["/bin/sh", "-c", line]
            } else {
                check.command = try command.array().map { try $0.string() }
            }
        }
        return check
    }
}
