import DockerEngine

/// The proxy backends among an app's containers: its running web processes and their ports.
enum Upstreams {
    static func of(_ containers: [ContainerSummary], docker: DockerClient) -> [Upstream] {
        containers.compactMap { c -> Upstream? in
            guard c.labels[Labels.process] == "web", c.state == "running",
                let port = try? docker.inspectContainer(c.id)?.hostPort(for: "\(c.labels[Labels.port] ?? "5000")/tcp")
            else { return nil }
            return Upstream(port: port, number: Int(c.labels[Labels.number] ?? "") ?? 0)
        }.sorted { $0.number < $1.number }
    }
}
