import CCurl
import Foundation
import PaasSupport

/// A connection to the daemon that libcurl opened (`CURLOPT_CONNECT_ONLY`) and we speak on
/// ourselves: an HTTP request written by hand, then, after an upgrade, a raw byte stream in
/// both directions.
///
/// Owns its handle, which is never put back in the pool: the connection is spent afterwards.
final class HijackedConnection {
    private let handle: CurlHandle
    private let socket: curl_socket_t
    private let cancellation: Cancellation?
    private let socketPath: String

    /// Takes over the connection `handle` has just opened.
    init(handle: CurlHandle, socketPath: String, cancellation: Cancellation?) throws {
        var socket = curl_socket_t(-1)
        guard paas_curl_getinfo_socket(handle.raw, &socket) == CURLE_OK, socket >= 0 else {
            throw EngineError.unreachable(socket: socketPath, detail: "libcurl did not hand over the connection")
        }
        self.handle = handle
        self.socket = socket
        self.socketPath = socketPath
        self.cancellation = cancellation
    }

    // MARK: - The HTTP exchange

    /// Writes `request` as HTTP/1.1 text.
    func send(_ request: EngineRequest) throws {
        var head = "\(request.method.uppercased()) \(request.target) HTTP/1.1\r\nHost: docker\r\n"
        var body: [UInt8] = []
        if case .bytes(let bytes) = request.body { body = bytes }
        if !body.isEmpty || request.method.uppercased() == "POST" { head += "Content-Length: \(body.count)\r\n" }
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + body
        var sent = 0
        while sent < bytes.count {
            if let count = try sendSome(bytes[sent...]) {
                sent += count
            } else {
                try wait(for: Int16(POLLOUT))
            }
        }
    }

    /// Reads the response head; returns it and the bytes already read past it.
    func readHead() throws -> (HTTPResponseHead, [UInt8]) {
        var bytes: [UInt8] = []
        while true {
            if let end = HTTPResponseHead.end(in: bytes) {
                guard let head = HTTPResponseHead(bytes[..<end]) else {
                    throw EngineError.decoding(what: "an attach request", detail: "the answer is not HTTP")
                }
                return (head, Array(bytes[end...]))
            }
            guard bytes.count < 64 << 10 else {
                throw EngineError.decoding(what: "an attach request", detail: "the response head is too long")
            }
            guard let chunk = try receive() else {
                try wait(for: Int16(POLLIN))
                continue
            }
            if chunk.isEmpty { throw midStream("the daemon closed the connection before answering") }
            bytes += chunk
        }
    }

    /// Reads a (non-upgraded) response body: `Content-Length` bytes, else until the daemon closes.
    func readBody(_ head: HTTPResponseHead, after start: [UInt8]) throws -> [UInt8] {
        var body = start
        let length = head.contentLength ?? Int.max
        while body.count < length {
            guard let chunk = try receive() else {
                try wait(for: Int16(POLLIN))
                continue
            }
            if chunk.isEmpty { break }
            body += chunk
        }
        return Array(body.prefix(length))
    }

    // MARK: - The raw stream

    /// Copies `stdin` to the connection and the connection to `onData` until the daemon closes it.
    /// At `stdin`'s end, shuts down the write side so the container sees end of input.
    func pump(stdin: Int32?, onData: (UnsafeRawBufferPointer) -> Void) throws {
        var input = stdin
        var pending: [UInt8] = []
        var readBuffer = [UInt8](repeating: 0, count: 32 << 10)
        while true {
            try checkCancelled()
            var fds = [pollfd(fd: socket, events: Int16(POLLIN) | (pending.isEmpty ? 0 : Int16(POLLOUT)), revents: 0)]
            if let input, pending.isEmpty { fds.append(pollfd(fd: input, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), 100)
            if ready < 0 && errno != EINTR { throw midStream("poll failed: \(String(cString: strerror(errno)))") }
            if ready <= 0 { continue }

            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0, let chunk = try receive() {
                if chunk.isEmpty { return }
                chunk.withUnsafeBytes(onData)
            }
            if !pending.isEmpty, fds[0].revents & Int16(POLLOUT) != 0 {
                do {
                    pending.removeFirst(try sendSome(pending[...]) ?? 0)
                } catch {
                    pending = []  // the daemon stopped reading (the process ended); keep reading its output
                    input = nil
                }
            }
            if fds.count > 1, fds[1].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0, let fd = input {
                let count = readBuffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    pending = Array(readBuffer[..<count])
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    input = nil
                    shutdown(socket, Int32(SHUT_WR))
                }
            }
        }
    }

    // MARK: - Bytes

    /// Sends what it can of `bytes`; nil when the socket is full.
    private func sendSome(_ bytes: ArraySlice<UInt8>) throws -> Int? {
        var sent = 0
        let code = bytes.withUnsafeBytes { paas_curl_easy_send(handle.raw, $0.baseAddress, $0.count, &sent) }
        if code == CURLE_AGAIN { return nil }
        guard code == CURLE_OK else { throw midStream(handle.message(for: code)) }
        return sent
    }

    /// Reads what has arrived: nil when nothing has, empty at the end of the stream.
    private func receive() throws -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 32 << 10)
        var count = 0
        let code = buffer.withUnsafeMutableBytes { paas_curl_easy_recv(handle.raw, $0.baseAddress, $0.count, &count) }
        if code == CURLE_AGAIN { return nil }
        guard code == CURLE_OK else { throw midStream(handle.message(for: code)) }
        return Array(buffer[..<count])
    }

    /// Waits up to 100 ms for `events` on the socket, then checks for cancellation.
    private func wait(for events: Int16) throws {
        var fd = pollfd(fd: socket, events: events, revents: 0)
        _ = poll(&fd, 1, 100)
        try checkCancelled()
    }

    private func checkCancelled() throws {
        if let reason = cancellation?.reason { throw EngineError.cancelled(reason) }
    }

    private func midStream(_ detail: String) -> EngineError {
        .unreachable(socket: socketPath, detail: "connection failed mid-stream: \(detail)")
    }
}
