import Foundation
import PaasPluginKit
import PaasSupport

/// Runs the checks `health-check` plugins add: an HTTP GET of each check's path on every new
/// container of its process type, before traffic moves. A check that never passes fails the
/// deploy like an app.json check does.
struct PluginChecks {
    let platform: Platform

    /// Runs every check of `checks` on the containers of `created` it applies to.
    func run(_ checks: [PaasPluginKit.HealthCheck], on created: [ContainerFactory.Started]) throws {
        for check in checks {
            for container in created where container.process == (check.process ?? "web") {
                try run(check, container)
            }
        }
    }

    private func run(_ check: PaasPluginKit.HealthCheck, _ container: ContainerFactory.Started) throws {
        let name = "\(container.process).\(container.number)"
        var expected = check.status.map { "HTTP \($0)" } ?? "HTTP 2xx/3xx"
        expected += " from \(check.path)" + (check.contains.map { " containing \"\($0)\"" } ?? "")
        guard let port = container.hostPort else {
            throw HealthCheckError(container: name, check: check.name, expected: expected, actual: "no published port")
        }
        let attempts = max(check.attempts ?? 5, 1)
        let host = Domains.defaultDomain(app: container.app, platform: platform)
        var actual = "not tried"
        for attempt in 1...attempts {
            try Cancellation.shared.check()
            if let response = HTTPProbe.get(
                port: port, path: check.path, host: host, timeout: .seconds(check.timeout ?? 5))
            {
                let statusOK = check.status.map { $0 == response.status } ?? (200..<400).contains(response.status)
                let bodyOK = check.contains.map { response.body.contains($0) } ?? true
                if statusOK && bodyOK {
                    platform.detail("\(name) passed the plugin check \(check.name)")
                    return
                }
                actual = statusOK ? "a body without \"\(check.contains ?? "")\"" : "HTTP \(response.status)"
            } else {
                actual = "no answer"
            }
            if attempt < attempts { usleep(1_000_000) }
        }
        throw HealthCheckError(
            container: name, check: check.name, expected: expected, actual: "\(actual) after \(attempts) attempt(s)")
    }
}
