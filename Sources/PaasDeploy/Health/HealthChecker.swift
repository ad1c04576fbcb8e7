import AppSpec
import DockerEngine
import Foundation
import PaasSupport

/// Decides whether a newly started container is healthy: app.json `healthchecks` for its
/// process when there are any, else the image's Docker HEALTHCHECK when it has one, else for
/// `web` a port that accepts connections; in every case a container that stays up for the
/// settle time. Readiness is polled fast at first (every 5 ms, doubling), then with back-off; a
/// port counts as ready as soon as the container's socket table shows it listening
/// (`ListenCheck`). A container that exits
/// or that Docker restarts meanwhile fails its check at once (`ContainerWatch`).
struct HealthChecker {
    let platform: Platform
    let settings: CheckSettings

    func waitUntilHealthy(_ container: ContainerFactory.Started, port: Int, checks: [HealthCheck]) throws {
        let watch = try ContainerWatch(docker: platform.docker, id: container.id, baseline: container.inspected?.restartCount)
        do {
            if settings.wait > 0 { try watch.sleep(seconds: settings.wait) }
            if checks.isEmpty {
                // The look the start took is fresh enough for the first poll.
                try waitForDefault(container, port: port, watch: watch, first: settings.wait > 0 ? nil : container.inspected)
            } else {
                for check in checks { try run(check, container, port: port, watch: watch) }
            }
            if settings.settle > 0 { try watch.sleep(seconds: settings.settle) }
        } catch let gone as ContainerWatch.Gone {
            throw fail(container, check: "container running", expected: "running", actual: gone.actual)
        }
        platform.detail("\(container.process).\(container.number) is healthy")
    }

    // MARK: - Without app.json checks

    private func waitForDefault(
        _ container: ContainerFactory.Started, port: Int, watch: ContainerWatch, first: ContainerInspect?
    ) throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(settings.timeout * 1000))
        // Looks every 50 ms at most: a container is usually ready within a few hundred ms, and
        // each look is one inspect and a read of the container's socket table.
        var backoff = Backoff(maximum: .milliseconds(50))
        var look = first
        while true {
            let state = try look.map { try watch.state(of: $0) } ?? watch.state()
            look = nil
            if let health = state.health?.status {
                if health == "healthy" { return }
                if health == "unhealthy" {
                    throw fail(container, check: "Docker HEALTHCHECK", expected: "healthy", actual: "unhealthy")
                }
            } else if container.process == "web" {
                guard let hostPort = try container.hostPort ?? publishedPort(container, port: port, watch: watch) else {
                    throw fail(container, check: "published port", expected: "\(port)/tcp published", actual: "no port")
                }
                // The socket table answers at once; probing through Docker's proxy takes a while.
                if let listening = ListenCheck.listening(pid: state.pid, port: port) {
                    if listening { return }
                } else if PortProbe.accepts(port: hostPort, timeout: .milliseconds(500)) {
                    return
                }
            } else {
                return
            }
            if ContinuousClock.now >= deadline {
                let what = container.process == "web" ? "port \(port) accepting connections" : "healthy"
                throw fail(container, check: "readiness", expected: what, actual: "not ready after \(settings.timeout)s")
            }
            backoff.wait()
        }
    }

    // MARK: - app.json checks

    private func run(_ check: HealthCheck, _ container: ContainerFactory.Started, port: Int, watch: ContainerWatch) throws {
        let name = check.name ?? check.path ?? (check.uptime != nil ? "uptime" : "listening")
        if let delay = check.initialDelay, delay > 0 { try watch.sleep(seconds: Double(delay)) }
        if check.command != nil {
            throw fail(container, check: name, expected: "a supported check", actual: "command checks are not supported yet (use path, listening or uptime)")
        }
        if let checkPort = check.port, checkPort != port {
            throw fail(container, check: name, expected: "the check's port to be the app's PORT \(port)", actual: "port \(checkPort)")
        }
        let attempts = max(check.attempts ?? settings.attempts, 1)
        let timeout = Duration.seconds(check.timeout ?? 5)
        var actual = "not tried"
        var backoff = Backoff(initial: .milliseconds(20), maximum: .seconds(check.wait ?? 1))
        for attempt in 1...attempts {
            let state = try watch.state()
            if let uptime = check.uptime {
                let stamp = state.startedAt.split(separator: ".").first.map { $0 + "Z" } ?? ""
                let started = ISO8601DateFormatter().date(from: stamp) ?? Date()
                let up = Date().timeIntervalSince(started)
                if up >= Double(uptime) { return }
                try watch.sleep(seconds: Double(uptime) - up)
                continue
            }
            guard let hostPort = container.hostPort else {
                throw fail(container, check: name, expected: "a published port", actual: "\(container.process) publishes none")
            }
            if let path = check.path {
                let host = Domains.defaultDomain(app: container.app, platform: platform)
                if let response = HTTPProbe.get(port: hostPort, path: path, host: host, timeout: timeout) {
                    let statusOK = (200..<400).contains(response.status)
                    let contentOK = check.content.map { response.body.contains($0) } ?? true
                    if statusOK && contentOK { return }
                    actual = statusOK ? "a body without \"\(check.content ?? "")\"" : "HTTP \(response.status)"
                } else {
                    actual = "no answer"
                }
            } else {
                if PortProbe.accepts(port: hostPort, timeout: timeout) { return }
                actual = "connection refused"
            }
            if attempt < attempts {
                backoff.wait()
                _ = try watch.state()
            }
        }
        var expected = check.path.map { "HTTP 2xx/3xx from \($0)" } ?? "port \(port) accepting connections"
        if let content = check.content { expected += " containing \"\(content)\"" }
        throw fail(container, check: name, expected: expected, actual: "\(actual) after \(attempts) attempt(s)")
    }

    // MARK: - Helpers

    /// The host port of a container whose port was not known when it started (it may have
    /// exited by then: that is reported as such).
    private func publishedPort(_ container: ContainerFactory.Started, port: Int, watch: ContainerWatch) throws -> Int? {
        _ = try watch.state()
        return try platform.docker.inspectContainer(container.id)?.hostPort(for: "\(port)/tcp")
    }

    private func fail(_ c: ContainerFactory.Started, check: String, expected: String, actual: String) -> HealthCheckError {
        var lines: [String] = []
        try? platform.cleanupDocker.containerLogs(c.id, follow: false, tail: 20) { _, bytes in
            lines.append(contentsOf: String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init))
        }
        if !lines.isEmpty {
            platform.log.line(" !     last output of \(c.process).\(c.number):")
            for line in lines.suffix(20) { platform.log.line(" !       " + line) }
        }
        return HealthCheckError(container: "\(c.process).\(c.number)", check: check, expected: expected, actual: actual)
    }
}

/// A new container failed its checks.
public struct HealthCheckError: Error, CustomStringConvertible {
    public let container: String
    public let check: String
    public let expected: String
    public let actual: String
    public var description: String {
        "\(container) failed its check (\(check)): expected \(expected), got \(actual)"
    }
}
