/// HAProxy's runtime API, typed: backends, dynamic servers, maps and TLS certificates, each
/// command over its own connection to the admin socket. Nothing here reloads HAProxy.
struct HAProxyRuntime: Sendable {
    let socket: HAProxySocket

    // MARK: - Backends and servers

    /// The names of the backends the running worker knows.
    func backends() throws -> Set<String> {
        Set(try run("show backend").split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty })
    }

    /// The servers of `backend` as the running worker has them, with their sessions.
    func servers(_ backend: String) throws -> [RuntimeServer] {
        RuntimeServer.parse(state: try run("show servers state \(backend)"), stat: try run("show stat \(backend) 4 -1"))
    }

    /// The servers of `backend` without their sessions (one round trip); nil when the running
    /// worker has no such backend.
    func serversIfAny(_ backend: String) throws -> [RuntimeServer]? {
        let state = try run("show servers state \(backend)")
        if state.hasPrefix("Can't find backend") { return nil }
        return RuntimeServer.parse(state: state, stat: "")
    }

    /// Adds each of `servers` to `backend` (one that exists by name stays) and makes them all
    /// ready, and puts the servers named in `draining` in drain (new requests go to the others;
    /// one already gone is fine), in one round trip (commands joined by `;`). False when the
    /// running worker has no such backend (nothing changed then).
    func addServers(_ backend: String, _ servers: [(name: String, host: String, port: Int)], draining: [String] = [])
        throws -> Bool
    {
        guard !servers.isEmpty else { return true }
        let commands =
            servers.flatMap { s in
                ["add server \(backend)/\(s.name) \(s.host):\(s.port)", "set server \(backend)/\(s.name) state ready"]
            } + draining.map { "set server \(backend)/\($0) state drain" }
        let answer = try socket.send(commands.joined(separator: "; "))
        if answer.contains("No such backend") { return false }
        var rest = answer
        let fineAnswers = ["New server registered.", "Already exists a server with the same name in backend."]
        for fine in fineAnswers + (draining.isEmpty ? [] : ["No such server."]) {
            rest = rest.replacingOccurrences(of: fine, with: "")
        }
        rest = rest.trimmingCharacters(in: .whitespacesAndNewlines)
        guard rest.isEmpty else {
            let reason = rest.split(separator: "\n").first.map(String.init) ?? "no answer"
            throw HAProxyPluginError.refused(command: commands[0], answer: reason)
        }
        return true
    }

    /// Server states the plugin sets.
    enum State: String { case ready, drain, maint }

    /// Sets the administrative state of `backend/name`.
    func setState(_ backend: String, _ name: String, _ state: State) throws {
        try run("set server \(backend)/\(name) state \(state.rawValue)", expect: nil)
    }

    /// Closes every session still on `backend/name`.
    func shutdownSessions(_ backend: String, _ name: String) throws {
        try run("shutdown sessions server \(backend)/\(name)", expect: nil)
    }

    /// Deletes `backend/name`, which must be in maintenance with no connection left.
    func deleteServer(_ backend: String, _ name: String) throws {
        try run("del server \(backend)/\(name)", expect: "Server deleted")
    }

    // MARK: - Maps

    /// The entries of the map loaded from `file`: key → value.
    func map(_ file: String) throws -> [String: String] {
        var entries: [String: String] = [:]
        for line in try run("show map \(file)").split(separator: "\n") {
            // "0xADDR key value..."
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            guard parts.count >= 2, parts[0].hasPrefix("0x") else { continue }
            entries[String(parts[1])] = parts.count > 2 ? String(parts[2]) : ""
        }
        return entries
    }

    /// Adds `key value` to the map of `file` (value may hold spaces).
    func addMap(_ file: String, _ key: String, _ value: String) throws {
        try run("add map \(file) <<\n\(key) \(value)\n", expect: nil)
    }

    /// Removes `key` from the map of `file`.
    func deleteMap(_ file: String, _ key: String) throws {
        try run("del map \(file) \(key)", expect: nil)
    }

    // MARK: - TLS

    /// The certificate files HAProxy holds in memory.
    func certificates() throws -> Set<String> {
        Set(try run("show ssl cert").split(separator: "\n").map(String.init).filter { $0.hasPrefix("/") })
    }

    /// Loads `pem` (certificate, chain and key) as `file`, new or replacing the one in memory.
    func storeCertificate(_ file: String, pem: String, isNew: Bool) throws {
        if isNew { try run("new ssl cert \(file)", expect: "New empty certificate store") }
        let body = pem.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.joined(separator: "\n")
        try run("set ssl cert \(file) <<\n\(body)\n", expect: "Transaction")
        try run("commit ssl cert \(file)", expect: "Success")
    }

    /// Adds `file` to `list`, selected for `domains` by SNI.
    func addToCrtList(_ list: String, _ file: String, domains: [String]) throws {
        try run("add ssl crt-list \(list) <<\n\(([file] + domains).joined(separator: " "))\n", expect: "Success")
    }

    /// Removes `file` from `list` and from memory.
    func removeCertificate(_ list: String, _ file: String) throws {
        try run("del ssl crt-list \(list) \(file)", expect: "deleted")
        try run("del ssl cert \(file)", expect: "deleted")
    }

    // MARK: - Sending

    /// Runs `command`; when `expect` is given the answer must contain it, else it must be empty.
    @discardableResult
    func run(_ command: String, expect: String?) throws -> String {
        let answer = try socket.send(command + (command.hasSuffix("\n") ? "\n" : ""))
        let text = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        let ok = expect.map { text.localizedCaseInsensitiveContains($0) } ?? text.isEmpty
        guard ok else {
            let reason = text.split(separator: "\n").first.map(String.init) ?? "no answer"
            throw HAProxyPluginError.refused(command: HAProxySocket.firstLine(command), answer: reason)
        }
        return answer
    }

    /// Runs a `show` command and returns its answer.
    func run(_ command: String) throws -> String { try socket.send(command) }
}
