import PaasSupport

extension DockerClient {
    /// Creates a container from `spec`, named `name` when given; returns its id.
    public func createContainer(name: String?, _ spec: ContainerSpec) throws -> String {
        // Names mirror Docker's JSON keys.
        // swift-format-ignore: AlwaysUseLowerCamelCase
        struct Created: Decodable { var Id: String? }
        let query = name.map { [("name", $0)] } ?? []
        let response = try send("POST", "/containers/create", query: query, json: spec)
        guard let id = try decode(Created.self, response, what: "container create").Id, !id.isEmpty else {
            throw EngineError.decoding(what: "container create", detail: "no Id in the answer")
        }
        return id
    }

    /// Starts a container; one already running is fine.
    public func startContainer(_ id: String) throws {
        try send("POST", "/containers/\(segment(id))/start")
    }

    /// Stops a container (SIGTERM, then SIGKILL after `timeout` seconds, or its own stop
    /// timeout when nil); one already stopped is fine.
    public func stopContainer(_ id: String, timeout: Int?) throws {
        let query = timeout.map { [("t", String($0))] } ?? []
        try send("POST", "/containers/\(segment(id))/stop", query: query)
    }

    /// Sends `signal` to a container; one that is not running is fine.
    public func killContainer(_ id: String, signal: String = "SIGKILL") throws {
        try send("POST", "/containers/\(segment(id))/kill", query: [("signal", signal)], tolerating: [409])
    }

    /// Removes a container (killing it first when `force`), and its anonymous volumes when
    /// `volumes`; one that does not exist, or is already being removed, is fine.
    public func removeContainer(_ id: String, force: Bool = true, volumes: Bool = false) throws {
        let response = try send(
            "DELETE", "/containers/\(segment(id))",
            query: [("force", force ? "1" : "0"), ("v", volumes ? "1" : "0")], tolerating: [404, 409])
        if response.status == 409 {
            let message = Self.errorMessage(response)
            if !message.contains("already in progress") {
                throw EngineError.api(status: 409, message: message)
            }
        }
    }

    /// The container `id` (or name), or nil when there is none.
    public func inspectContainer(_ id: String) throws -> ContainerInspect? {
        let response = try send("GET", "/containers/\(segment(id))/json", tolerating: [404])
        if response.status == 404 { return nil }
        return ContainerInspect(try decode(ContainerInspect.Wire.self, response, what: "container \(id)"))
    }

    /// Waits until the container is not running; returns its exit status.
    public func waitContainer(_ id: String) throws -> Int {
        // Names mirror Docker's JSON keys.
        // swift-format-ignore: AlwaysUseLowerCamelCase
        struct Wire: Decodable {
            struct Failure: Decodable { var Message: String? }
            var StatusCode: Int?
            var Error: Failure?
        }
        let response = try send("POST", "/containers/\(segment(id))/wait", query: [("condition", "not-running")])
        let result = try decode(Wire.self, response, what: "container wait")
        if let message = result.Error?.Message, !message.isEmpty {
            throw EngineError.api(status: response.status, message: message)
        }
        guard let code = result.StatusCode else {
            throw EngineError.decoding(what: "container wait", detail: "no StatusCode in the answer")
        }
        return code
    }

    /// The containers carrying all of `labels` ("k=v", or just "k" when the value is nil);
    /// stopped ones too when `all`.
    public func listContainers(all: Bool = true, labels: [String: String?]) throws -> [ContainerSummary] {
        let query = [("all", all ? "1" : "0")] + Self.labelFilter(labels)
        let response = try send("GET", "/containers/json", query: query)
        return try decode([ContainerSummary.Wire].self, response, what: "the container list")
            .map(ContainerSummary.init)
    }

    /// Unpacks a tar `archive` into the container's filesystem at directory `path`.
    public func uploadArchive(to id: String, path: String, archive: ByteSource) throws {
        try send(
            "PUT", "/containers/\(segment(id))/archive", query: [("path", path)],
            headers: ["Content-Type": "application/x-tar"], body: .stream(archive))
    }

    /// Makes an image `repository:tag` from the container's filesystem, with `changes` to its
    /// run configuration; returns the image id.
    public func commitContainer(
        _ id: String, repository: String, tag: String, changes: ContainerCommitConfig?
    ) throws -> String {
        // Names mirror Docker's JSON keys.
        // swift-format-ignore: AlwaysUseLowerCamelCase
        struct Committed: Decodable { var Id: String? }
        let query = [("container", id), ("repo", repository), ("tag", tag)]
        let response = try send("POST", "/commit", query: query, json: changes ?? ContainerCommitConfig())
        guard let imageID = try decode(Committed.self, response, what: "container commit").Id else {
            throw EngineError.decoding(what: "container commit", detail: "no Id in the answer")
        }
        return imageID
    }
}
