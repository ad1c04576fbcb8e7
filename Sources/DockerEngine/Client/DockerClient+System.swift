extension DockerClient {
    /// Checks that the daemon answers.
    public func ping() throws {
        try send("GET", "/_ping")
    }

    /// The engine's version and API version.
    public func version() throws -> EngineVersion {
        let raw = try decode(EngineVersion.Wire.self, try send("GET", "/version"), what: "version")
        return EngineVersion(
            version: raw.Version ?? "", apiVersion: raw.ApiVersion ?? "", os: raw.Os ?? "", arch: raw.Arch ?? "")
    }
}
