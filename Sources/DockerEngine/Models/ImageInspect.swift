/// What `GET /images/{name}/json` says about an image (the parts paas uses).
public struct ImageInspect: Sendable, Equatable {
    /// The image's run configuration.
    public struct Config: Sendable, Equatable {
        /// Ports such as "5000/tcp", sorted.
        public var exposedPorts: [String]
        public var cmd: [String]?
        public var entrypoint: [String]?
        public var env: [String]
        public var workingDir: String
        public var labels: [String: String]
        /// The image's HEALTHCHECK, if it has one.
        public var healthcheck: HealthcheckSpec?

        /// True when the image declares an enabled HEALTHCHECK.
        public var hasHealthcheck: Bool { healthcheck?.isEnabled ?? false }

        /// Creates a config record.
        public init(
            exposedPorts: [String] = [], cmd: [String]? = nil, entrypoint: [String]? = nil, env: [String] = [],
            workingDir: String = "", labels: [String: String] = [:], healthcheck: HealthcheckSpec? = nil
        ) {
            self.exposedPorts = exposedPorts
            self.cmd = cmd
            self.entrypoint = entrypoint
            self.env = env
            self.workingDir = workingDir
            self.labels = labels
            self.healthcheck = healthcheck
        }
    }

    /// "sha256:...".
    public var id: String
    public var repoTags: [String]
    public var config: Config
    /// RFC 3339 creation time.
    public var created: String

    /// Creates an inspect record (fakes in tests).
    public init(id: String, repoTags: [String] = [], config: Config = Config(), created: String = "") {
        self.id = id
        self.repoTags = repoTags
        self.config = config
        self.created = created
    }

    // Names mirror Docker's JSON keys.

    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Wire: Decodable {
        struct Config: Decodable {
            var ExposedPorts: [String: EmptyObject]?
            var Cmd: [String]?
            var Entrypoint: [String]?
            var Env: [String]?
            var WorkingDir: String?
            var Labels: [String: String]?
            var Healthcheck: HealthcheckSpec?
        }
        var Id: String?
        var RepoTags: [String]?
        var Config: Config?
        var Created: String?
    }

    init(_ w: Wire) {
        id = w.Id ?? ""
        repoTags = w.RepoTags ?? []
        created = w.Created ?? ""
        let c = w.Config
        config = Config(
            exposedPorts: (c?.ExposedPorts ?? [:]).keys.sorted(), cmd: c?.Cmd, entrypoint: c?.Entrypoint,
            env: c?.Env ?? [], workingDir: c?.WorkingDir ?? "", labels: c?.Labels ?? [:],
            healthcheck: c?.Healthcheck)
    }
}

/// Any JSON object whose content does not matter (`{}` in port sets).
struct EmptyObject: Decodable {}
