import DockerEngine

/// The proxy backends among an app's containers: its running web processes and their ports.
enum Upstreams {
    static func of(_ containers: [ContainerSummary]) -> [Upstream] {
        containers.compactMap { c -> Upstream? in
            let inside = Int(c.labels[Labels.port] ?? "")
            guard c.labels[Labels.process] == "web", c.state == "running",
                let port = c.ports.first(where: { $0.publicPort != nil && (inside == nil || $0.privatePort == inside) })?.publicPort
            else { return nil }
            return Upstream(port: port, number: Int(c.labels[Labels.number] ?? "") ?? 0)
        }.sorted { $0.number < $1.number }
    }
}
