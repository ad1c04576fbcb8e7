import Foundation

/// The proxy in front of a test's apps (a `TestNginx` or a `TestHAProxy`): what a user would
/// reach with curl.
public protocol TestProxy: Sendable {
    /// The loopback port it serves HTTP on.
    var port: UInt16 { get }
    /// The loopback port it serves HTTPS on.
    var httpsPort: UInt16 { get }
    /// Its log, for failure messages.
    var errorLog: String { get }
    /// Stops it (safe to call twice).
    func stop()
}

/// Which proxy a harness runs.
public enum TestProxyKind: String, Sendable {
    case nginx, haproxy

    /// `PAAS_TEST_PROXY` when set (`nginx` or `haproxy`), else nginx.
    public static var fromEnvironment: TestProxyKind {
        ProcessInfo.processInfo.environment["PAAS_TEST_PROXY"].flatMap(TestProxyKind.init(rawValue:)) ?? .nginx
    }
}

extension TestProxy {
    /// GET `http://127.0.0.1:PORT/path` with `Host: host` (via curl, 10 s limit).
    /// Status 0 means no HTTP answer (connection refused or timed out).
    public func get(host: String, path: String = "/") throws -> (status: Int, body: String) {
        try curl([
            "-H", "Host: \(host)", "http://127.0.0.1:\(port)\(path.hasPrefix("/") ? path : "/" + path)",
        ])
    }

    /// Polls `get` until it answers `status` (a switch or reload settles in a moment).
    public func waitFor(
        host: String, path: String = "/", status: Int, timeout: Duration = .seconds(10)
    ) throws -> (status: Int, body: String) {
        var last: (status: Int, body: String) = (0, "")
        _ = try waitUntil(timeout: timeout) {
            last = try get(host: host, path: path)
            return last.status == status
        }
        return last
    }

    /// Runs curl with `arguments` after `-s -o - -w "\n%{http_code}" --max-time 10`; the body
    /// and the status (0: no HTTP answer).
    public func curl(_ arguments: [String]) throws -> (status: Int, body: String) {
        let result = try Run.command(
            "curl", ["-s", "-o", "-", "-w", "\n%{http_code}", "--max-time", "10"] + arguments, timeout: .seconds(15))
        var text = result.stdoutText
        guard let newline = text.lastIndex(of: "\n") else { return (0, text) }
        let status = Int(text[text.index(after: newline)...]) ?? 0
        text.removeSubrange(newline...)
        return (status, text)
    }
}
