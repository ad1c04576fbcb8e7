import Foundation

/// Whether a container's process listens on a TCP port, read from the socket table of its
/// network namespace (`/proc/PID/net/tcp` and `tcp6`) without connecting to it.
///
/// Probing the published port instead goes through Docker's userland proxy, which accepts every
/// connection and only then finds out whether the app listens, so each probe has to hold the
/// connection open for a while (`PortProbe`); this answers at once.
enum ListenCheck {
    /// True when a socket of `pid`'s network namespace listens on `port` at an address other
    /// containers and Docker's proxy can reach (not loopback); false when none does yet; nil when
    /// the table cannot be read (no such process, /proc hidden): then probe the port instead.
    static func listening(pid: Int, port: Int) -> Bool? {
        guard pid > 0 else { return nil }
        var readable = false
        for table in ["tcp", "tcp6"] {
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/net/\(table)", encoding: .utf8) else { continue }
            readable = true
            if listens(table: text, port: port) { return true }
        }
        return readable ? false : nil
    }

    /// Whether `table` (the text of /proc/net/tcp or tcp6) holds a LISTEN socket on `port` at a
    /// non-loopback address.
    static func listens(table: String, port: Int) -> Bool {
        for line in table.split(separator: "\n").dropFirst() {
            // "  0: 00000000:1388 00000000:0000 0A ..." — local address:port, remote, state.
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 3, fields[3] == "0A" else { continue }
            let local = fields[1].split(separator: ":")
            guard local.count == 2, Int(local[1], radix: 16) == port else { continue }
            if !isLoopback(String(local[0])) { return true }
        }
        return false
    }

    /// The kernel prints addresses as 32-bit words in host byte order (little-endian here):
    /// 127.0.0.1 is `0100007F`, ::1 is `00000000000000000000000001000000`.
    static func isLoopback(_ hex: String) -> Bool {
        switch hex.count {
        case 8: return hex.uppercased().hasSuffix("7F")
        case 32:
            let h = hex.uppercased()
            return h == "00000000000000000000000001000000"
                || (h.hasPrefix("0000000000000000FFFF0000") && h.hasSuffix("7F"))
        default: return false
        }
    }
}
