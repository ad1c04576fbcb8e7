import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One connection to an HAProxy CLI socket (the admin socket of the worker, or the master's):
/// sends one command, half-closes, and reads the answer until HAProxy closes the connection.
/// HAProxy's CLI answers one command per connection outside its prompt mode.
struct HAProxySocket: Sendable {
    /// The socket's path.
    let path: String
    /// How long to wait for the connection and the whole answer.
    var timeout: Duration = .seconds(10)

    /// Sends `command` (one line, or a line ending in `<<` followed by a payload) and returns
    /// HAProxy's answer.
    /// - Throws: `HAProxyPluginError.socket` when the socket is missing, refuses, or times out.
    func send(_ command: String) throws -> String {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else { throw failure("the path is longer than \(capacity - 1) bytes") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let ms = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var tv = timeval(tv_sec: Int(ms / 1000), tv_usec: Int(ms % 1000) * 1000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { throw failure(String(cString: strerror(errno))) }
        let bytes = Array((command.hasSuffix("\n") ? command : command + "\n").utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw failure("write: \(String(cString: strerror(errno)))") }
            sent += n
        }
        shutdown(fd, Int32(SHUT_WR))
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { break }
            guard n > 0 else { throw failure("no complete answer to '\(Self.firstLine(command))'") }
            answer.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: answer, as: UTF8.self)
    }

    /// Whether the socket accepts a connection and answers `show version`.
    var answers: Bool { (try? send("show version")).map { !$0.isEmpty } ?? false }

    private func failure(_ detail: String) -> HAProxyPluginError {
        .socket(path: path, detail: detail)
    }

    static func firstLine(_ command: String) -> String {
        String(command.split(separator: "\n", maxSplits: 1).first ?? "")
    }
}
