/// A Docker HEALTHCHECK: in a container spec, or read back from an image.
public struct HealthcheckSpec: Sendable, Equatable, Codable {
    /// ["CMD", "prog", "arg"], ["CMD-SHELL", "command"], or ["NONE"] to disable.
    public var test: [String]
    /// Nanoseconds between checks; 0 is Docker's default.
    public var interval: Int64
    /// Nanoseconds one check may take; 0 is Docker's default.
    public var timeout: Int64
    /// Nanoseconds after start during which failures do not count.
    public var startPeriod: Int64
    /// Failures in a row that make the container unhealthy; 0 is Docker's default.
    public var retries: Int

    /// Creates a health check; durations in nanoseconds.
    public init(test: [String], interval: Int64 = 0, timeout: Int64 = 0, startPeriod: Int64 = 0, retries: Int = 0) {
        self.test = test
        self.interval = interval
        self.timeout = timeout
        self.startPeriod = startPeriod
        self.retries = retries
    }

    /// True unless the check is empty or ["NONE"].
    public var isEnabled: Bool { !(test.isEmpty || test.first == "NONE") }

    // Names mirror Docker's JSON keys.

    // swift-format-ignore: AlwaysUseLowerCamelCase
    private enum CodingKeys: String, CodingKey { case Test, Interval, Timeout, StartPeriod, Retries }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        test = try c.decodeIfPresent([String].self, forKey: .Test) ?? []
        interval = try c.decodeIfPresent(Int64.self, forKey: .Interval) ?? 0
        timeout = try c.decodeIfPresent(Int64.self, forKey: .Timeout) ?? 0
        startPeriod = try c.decodeIfPresent(Int64.self, forKey: .StartPeriod) ?? 0
        retries = try c.decodeIfPresent(Int.self, forKey: .Retries) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(test, forKey: .Test)
        try c.encode(interval, forKey: .Interval)
        try c.encode(timeout, forKey: .Timeout)
        try c.encode(startPeriod, forKey: .StartPeriod)
        try c.encode(retries, forKey: .Retries)
    }
}
