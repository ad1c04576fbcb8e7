/// One server of a backend in the running HAProxy.
struct RuntimeServer: Equatable {
    var name: String
    var address: String
    var port: Int
    /// `srv_admin_state`: 0 is ready; bits for maintenance and drain otherwise.
    var adminState: Int
    /// Sessions on it now (`scur`).
    var sessions: Int

    /// Whether traffic may be sent to it (no maintenance or drain flag).
    var isReady: Bool { adminState == 0 }

    /// Joins `show servers state BACKEND` (addresses, states) with `show stat BACKEND 4 -1`
    /// (sessions), by server name.
    static func parse(state: String, stat: String) -> [RuntimeServer] {
        var sessions: [String: Int] = [:]
        var columns: [String] = []
        for line in stat.split(separator: "\n") {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if line.hasPrefix("# ") {
                columns = fields.map { $0.replacingOccurrences(of: "# ", with: "") }
                continue
            }
            guard let name = columns.firstIndex(of: "svname"), let scur = columns.firstIndex(of: "scur"),
                fields.count > max(name, scur)
            else { continue }
            sessions[fields[name]] = Int(fields[scur]) ?? 0
        }
        // be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state ... srv_port (19th)
        return state.split(separator: "\n").compactMap { line -> RuntimeServer? in
            guard !line.hasPrefix("#") else { return nil }
            let f = line.split(separator: " ").map(String.init)
            guard f.count > 18, let admin = Int(f[6]), let port = Int(f[18]) else { return nil }
            return RuntimeServer(name: f[3], address: f[4], port: port, adminState: admin, sessions: sessions[f[3]] ?? 0)
        }
    }
}
