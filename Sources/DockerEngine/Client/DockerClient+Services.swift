import Foundation

extension DockerClient {
    /// Creates a service; returns its id. `registryAuth` (the X-Registry-Auth value) is passed on
    /// to the nodes so they can pull its image.
    @discardableResult
    public func createService(_ spec: ServiceSpec, registryAuth: String? = nil) throws -> String {
        // swift-format-ignore: AlwaysUseLowerCamelCase
        struct Created: Decodable { var ID: String }
        let body = Array(try JSONEncoder().encode(spec))
        let response = try send(
            "POST", "/services/create", headers: Self.authHeader(registryAuth), body: .bytes(body))
        return try decode(Created.self, response, what: "the created service").ID
    }

    /// The service `id` (or name), or nil when there is none.
    public func inspectService(_ id: String) throws -> SwarmService? {
        let response = try send("GET", "/services/\(segment(id))", tolerating: [404])
        if response.status == 404 { return nil }
        return SwarmService(try decode(SwarmService.Wire.self, response, what: "service \(id)"))
    }

    /// Replaces service `id`'s spec, read at `version`; Swarm then rolls its tasks over as the
    /// spec's update config says. With `rollback`, goes back to the previous spec instead.
    public func updateService(
        _ id: String, version: UInt64, spec: ServiceSpec, registryAuth: String? = nil, rollback: Bool = false
    ) throws {
        var query = [("version", String(version))]
        if rollback { query.append(("rollback", "previous")) }
        let body = Array(try JSONEncoder().encode(spec))
        try send(
            "POST", "/services/\(segment(id))/update", query: query, headers: Self.authHeader(registryAuth),
            body: .bytes(body))
    }

    /// Sets service `id`'s replica count, changing nothing else: the spec goes back exactly as
    /// the engine keeps it, so Swarm replaces no running task.
    public func scaleService(_ id: String, replicas: Int) throws {
        try updateKeepingSpec(id) { spec in
            var mode = spec["Mode"] as? [String: Any] ?? [:]
            mode["Replicated"] = ["Replicas": replicas]
            spec["Mode"] = mode
        }
    }

    /// Rolls service `id` back to its previous spec (Swarm's rollback: its rollback config).
    public func rollbackService(_ id: String) throws {
        try updateKeepingSpec(id, rollback: true) { _ in }
    }

    /// Reads service `id`'s spec as raw JSON, lets `change` edit it, and sends it back.
    private func updateKeepingSpec(_ id: String, rollback: Bool = false, _ change: (inout [String: Any]) -> Void) throws {
        let response = try send("GET", "/services/\(segment(id))")
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            var spec = object["Spec"] as? [String: Any],
            let version = (object["Version"] as? [String: Any])?["Index"] as? Int
        else { throw EngineError.decoding(what: "service \(id)", detail: "no Spec or Version") }
        change(&spec)
        var query = [("version", String(version))]
        if rollback { query.append(("rollback", "previous")) }
        let body = Array(try JSONSerialization.data(withJSONObject: spec))
        try send("POST", "/services/\(segment(id))/update", query: query, headers: Self.authHeader(nil), body: .bytes(body))
    }

    /// Removes service `id` (its tasks stop); false when there was none.
    @discardableResult
    public func removeService(_ id: String) throws -> Bool {
        try send("DELETE", "/services/\(segment(id))", tolerating: [404]).status != 404
    }

    /// The services carrying all of `labels`.
    public func listServices(labels: [String: String]) throws -> [SwarmService] {
        let response = try send("GET", "/services", query: Self.labelFilter(labels))
        return try decode([SwarmService.Wire].self, response, what: "the service list").map(SwarmService.init)
    }

    /// The tasks of service `service` (a name or id), or of every service when nil; only those
    /// Swarm wants in `desiredState` when given. Tasks on a node that was removed are included.
    public func listTasks(service: String? = nil, node: String? = nil, desiredState: String? = nil) throws -> [SwarmTask] {
        var filters: [String: [String]] = [:]
        if let service { filters["service"] = [service] }
        if let node { filters["node"] = [node] }
        if let desiredState { filters["desired-state"] = [desiredState] }
        let query = filters.isEmpty
            ? [] : [("filters", String(decoding: try JSONEncoder().encode(filters), as: UTF8.self))]
        return try decode([SwarmTask.Wire].self, try send("GET", "/tasks", query: query), what: "the task list")
            .map(SwarmTask.init)
    }

    /// Hands over a service's output from every task, as the engine sends it (`docker service
    /// logs`); with `follow`, until the transfer is cancelled.
    public func serviceLogs(
        _ id: String, follow: Bool, tail: Int?, timestamps: Bool = false, onOutput: (LogStream, [UInt8]) -> Void
    ) throws {
        let query = [
            ("stdout", "1"), ("stderr", "1"), ("follow", follow ? "1" : "0"),
            ("timestamps", timestamps ? "1" : "0"), ("tail", tail.map(String.init) ?? "all"),
        ]
        try withoutActuallyEscaping(onOutput) { onOutput in
            var demuxer = LogDemuxer()
            try send("GET", "/services/\(segment(id))/logs", query: query) { chunk in
                demuxer.feed(chunk, onOutput)
            }
        }
    }

    /// The X-Registry-Auth header for `auth`, none when nil.
    static func authHeader(_ auth: String?) -> [String: String] {
        var headers = ["Content-Type": "application/json"]
        if let auth { headers["X-Registry-Auth"] = auth }
        return headers
    }
}
