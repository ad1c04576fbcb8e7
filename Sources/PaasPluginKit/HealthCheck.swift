/// A check a `health-check` plugin adds: an HTTP request the core makes to each new container
/// of a process type before switching traffic to it.
public struct HealthCheck: Codable, Sendable, Hashable {
    /// A short name shown in progress and failures ("db-migrated").
    public var name: String
    /// The process type checked; nil means `web`.
    public var process: String?
    /// The request path, starting with `/`.
    public var path: String
    /// The HTTP status expected; nil accepts any 2xx or 3xx.
    public var status: Int?
    /// Text the response body must contain, if any.
    public var contains: String?
    /// Seconds to wait for each attempt (default 5).
    public var timeout: Int?
    /// How many attempts before the check fails (default 5), one second apart.
    public var attempts: Int?

    /// A check.
    public init(
        name: String, process: String? = nil, path: String, status: Int? = nil, contains: String? = nil,
        timeout: Int? = nil, attempts: Int? = nil
    ) {
        self.name = name
        self.process = process
        self.path = path
        self.status = status
        self.contains = contains
        self.timeout = timeout
        self.attempts = attempts
    }
}
