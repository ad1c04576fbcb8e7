extension DockerClient {
    /// Creates the named volume (nothing happens when it already exists).
    public func createVolume(name: String, labels: [String: String]) throws {
        // Names mirror Docker's JSON keys.
        // swift-format-ignore: AlwaysUseLowerCamelCase
        struct Body: Encodable {
            var Name: String
            var Labels: [String: String]
        }
        try send("POST", "/volumes/create", json: Body(Name: name, Labels: labels))
    }

    /// Removes the named volume; one that does not exist is fine.
    public func removeVolume(_ name: String) throws {
        try send("DELETE", "/volumes/\(segment(name))", tolerating: [404])
    }

    /// The names of the volumes carrying all of `labels`.
    public func listVolumes(labels: [String: String]) throws -> [String] {
        // Names mirror Docker's JSON keys.
        // swift-format-ignore: AlwaysUseLowerCamelCase
        struct Wire: Decodable {
            struct Volume: Decodable { var Name: String? }
            var Volumes: [Volume]?
        }
        let response = try send("GET", "/volumes", query: Self.labelFilter(labels))
        return try decode(Wire.self, response, what: "the volume list").Volumes?.compactMap(\.Name) ?? []
    }
}
