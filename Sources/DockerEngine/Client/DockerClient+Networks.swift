extension DockerClient {
    /// Creates the network `name` with `labels`; one that already exists is fine.
    /// Containers on different user-defined bridge networks cannot reach each other; an
    /// `overlay` network (on a swarm manager) spans the swarm's nodes, and `attachable` lets
    /// plain containers join it too.
    public func createNetwork(name: String, labels: [String: String], driver: String = "bridge", attachable: Bool = false) throws {
        // Names mirror Docker's JSON keys.
        // swift-format-ignore: AlwaysUseLowerCamelCase
        struct Body: Encodable {
            var Name: String
            var Driver: String
            var CheckDuplicate = true
            var Attachable: Bool
            var Labels: [String: String]
        }
        try send(
            "POST", "/networks/create", json: Body(Name: name, Driver: driver, Attachable: attachable, Labels: labels),
            tolerating: [409])
    }

    /// Removes the network `name`; one that does not exist is fine.
    public func removeNetwork(_ name: String) throws {
        try send("DELETE", "/networks/\(segment(name))", tolerating: [404])
    }

    /// The names of the networks carrying all of `labels`.
    public func listNetworks(labels: [String: String]) throws -> [String] {
        // Names mirror Docker's JSON keys.
        // swift-format-ignore: AlwaysUseLowerCamelCase
        struct Network: Decodable { var Name: String? }
        let response = try send("GET", "/networks", query: Self.labelFilter(labels))
        return try decode([Network].self, response, what: "the network list").compactMap(\.Name)
    }

    /// Whether `path` exists in the container's filesystem (stopped containers too).
    public func pathExists(in id: String, path: String) throws -> Bool {
        let response = try send(
            "HEAD", "/containers/\(segment(id))/archive", query: [("path", path)], tolerating: [404])
        return response.status != 404
    }
}
