import DockerEngine
import Foundation
import PaasSupport

/// Decides whether a newly started container is healthy: the image's Docker HEALTHCHECK when it
/// has one, else for `web` a port that accepts connections, and in every case a container that
/// stays up for the settle time.
struct HealthChecker {
    let platform: Platform
    let settings: CheckSettings

    func waitUntilHealthy(_ container: ContainerFactory.Started, port: Int) throws {
        let docker = platform.docker
        let deadline = ContinuousClock.now + .milliseconds(Int(settings.timeout * 1000))
        if settings.wait > 0 { usleep(useconds_t(settings.wait * 1_000_000)) }
        var backoff = Backoff()
        let label = "\(container.process).\(container.number)"
        while true {
            try Cancellation.shared.check()
            guard let state = try docker.inspectContainer(container.id)?.state else {
                throw fail(container, check: "container exists", expected: "running", actual: "removed")
            }
            if !state.running {
                throw fail(container, check: "container running", expected: "running", actual: "exited with status \(state.exitCode)")
            }
            if let health = state.health?.status {
                if health == "healthy" { break }
                if health == "unhealthy" {
                    throw fail(container, check: "Docker HEALTHCHECK", expected: "healthy", actual: "unhealthy")
                }
            } else if container.process == "web" {
                guard let hostPort = container.hostPort else {
                    throw fail(container, check: "published port", expected: "\(port)/tcp published", actual: "no port")
                }
                if PortProbe.accepts(port: hostPort, timeout: .milliseconds(500)) { break }
            } else {
                break
            }
            if ContinuousClock.now >= deadline {
                let what = container.process == "web" ? "port \(port) accepting connections" : "healthy"
                throw fail(container, check: "readiness", expected: what, actual: "not ready after \(settings.timeout)s")
            }
            backoff.wait()
        }
        if settings.settle > 0 {
            usleep(useconds_t(settings.settle * 1_000_000))
            guard let state = try docker.inspectContainer(container.id)?.state, state.running else {
                throw fail(container, check: "stays up for \(settings.settle)s", expected: "running", actual: "exited")
            }
        }
        platform.detail("\(label) is healthy")
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
