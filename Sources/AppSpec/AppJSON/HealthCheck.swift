/// One check of a process type, as Dokku's app.json `healthchecks` describes it.
public struct HealthCheck: Sendable, Equatable {
    /// When the check runs.
    public enum Kind: String, Sendable, CaseIterable {
        /// Once, before the new containers receive traffic (the deploy waits for it).
        case startup
        /// Repeatedly while running; failure restarts the container.
        case liveness
        /// Repeatedly while running; failure takes the container out of the proxy.
        case readiness
    }

    /// When the check runs (default `startup`).
    public var type: Kind
    /// A name for messages.
    public var name: String?
    /// HTTP path to GET, e.g. `/health`.
    public var path: String?
    /// Port to check, when not the app's port.
    public var port: Int?
    /// How many times to try before giving up.
    public var attempts: Int?
    /// Seconds one try may take.
    public var timeout: Int?
    /// Seconds between tries.
    public var wait: Int?
    /// Seconds before the first try.
    public var initialDelay: Int?
    /// Text the HTTP response body must contain.
    public var content: String?
    /// A command to run in the container instead of an HTTP check (exit 0 = healthy).
    /// A string in app.json becomes `["/bin/sh", "-c", string]`.
    public var command: [String]?
    /// Seconds the container must have stayed up.
    public var uptime: Int?
    /// Whether the check is that the port accepts connections.
    public var listening: Bool?

    /// A check; every field but `type` is optional.
    public init(
        type: Kind = .startup, name: String? = nil, path: String? = nil, port: Int? = nil, attempts: Int? = nil,
        timeout: Int? = nil, wait: Int? = nil, initialDelay: Int? = nil, content: String? = nil,
        command: [String]? = nil, uptime: Int? = nil, listening: Bool? = nil
    ) {
        self.type = type
        self.name = name
        self.path = path
        self.port = port
        self.attempts = attempts
        self.timeout = timeout
        self.wait = wait
        self.initialDelay = initialDelay
        self.content = content
        self.command = command
        self.uptime = uptime
        self.listening = listening
    }
}
