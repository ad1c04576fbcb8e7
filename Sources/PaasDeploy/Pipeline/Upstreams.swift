import DockerEngine

/// The proxy backends among an app's containers: its running web processes, each at its address
/// on the app's network and the port it listens on there. The proxy on this host reaches them
/// straight over Docker's bridge; the loopback port Docker publishes (through its userland
/// proxy, a second hop for every request) is used only for a container with no address.
public enum Upstreams {
    public static func of(_ containers: [ContainerSummary]) -> [Upstream] {
        containers.compactMap { c -> Upstream? in
            guard c.labels[Labels.process] == "web", c.state == "running", let app = c.labels[Labels.app] else { return nil }
            let inside = Int(c.labels[Labels.port] ?? "")
            let published = c.ports.first { $0.publicPort != nil && (inside == nil || $0.privatePort == inside) }
            return upstream(
                address: address(c.addresses, app: app), port: inside ?? published?.privatePort, hostPort: published?.publicPort,
                process: "web", number: Int(c.labels[Labels.number] ?? "") ?? 0)
        }.sorted { $0.number < $1.number }
    }

    /// The upstream of a web container: its `address` and inside `port` when it has both, else
    /// 127.0.0.1 and its published `hostPort`; nil when it has neither.
    static func upstream(address: String?, port: Int?, hostPort: Int?, process: String, number: Int) -> Upstream? {
        if let address, let port { return Upstream(host: address, port: port, process: process, number: number) }
        return hostPort.map { Upstream(port: $0, process: process, number: number) }
    }

    /// A container's address on the app's own network, else on Docker's default bridge (a
    /// container from before apps had their own network). Not any other network's: an overlay
    /// address, say, is not reachable from this host; such a container is reached through its
    /// published port.
    static func address(_ addresses: [String: String], app: String) -> String? {
        addresses[AppNetwork.name(app: app)] ?? addresses["bridge"]
    }
}
