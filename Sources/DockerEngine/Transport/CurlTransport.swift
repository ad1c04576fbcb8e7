import CCurl
import Foundation
import PaasSupport
import Synchronization

/// Talks HTTP/1.1 to the Docker daemon over its unix socket with libcurl.
///
/// Idle easy handles are kept in a small pool, so consecutive requests reuse the open
/// connection while long requests (a followed log, a `wait`) never block the others.
/// There is no overall timeout (builds and waits are long), only a connect timeout;
/// a transfer stops when `cancellation` is set.
public final class CurlTransport: EngineTransport {
    /// The daemon's socket.
    public let socketPath: String
    let cancellation: Cancellation?
    private let idle = Mutex<[CurlHandle]>([])
    private static let maxIdle = 4

    /// A transport to the daemon at `socketPath` that stops transfers when `cancellation` is set.
    public init(socketPath: String = "/var/run/docker.sock", cancellation: Cancellation? = .shared) {
        self.socketPath = socketPath
        self.cancellation = cancellation
    }

    public func perform(_ request: EngineRequest, onChunk: ((UnsafeRawBufferPointer) -> Void)?) throws
        -> EngineResponse
    {
        if let reason = cancellation?.reason { throw EngineError.cancelled(reason) }
        try CurlLibrary.ensureLoaded()
        guard let handle = idle.withLock({ $0.popLast() }) ?? CurlHandle() else {
            throw EngineError.unreachable(socket: socketPath, detail: "libcurl could not make a handle")
        }
        var source: ByteSource?
        if case .stream(let s) = request.body { source = s }
        let transfer = CurlTransfer(handle: handle, onChunk: onChunk, source: source, cancellation: cancellation)
        let headers = configure(handle, for: request)
        defer { paas_curl_slist_free_all(headers) }

        let context = Unmanaged.passRetained(transfer)
        defer { context.release() }
        transfer.install(context: context.toOpaque())

        let code = paas_curl_easy_perform(handle.raw)
        guard code == CURLE_OK else { throw failure(code, transfer) }
        let status = handle.responseCode
        idle.withLock { if $0.count < Self.maxIdle { $0.append(handle) } }
        return EngineResponse(status: status, body: transfer.body)
    }

    /// Sets every option for `request` on a freshly reset handle; returns the header list to free.
    private func configure(_ handle: CurlHandle, for request: EngineRequest) -> UnsafeMutablePointer<curl_slist>? {
        handle.reset()
        handle.set(CURLOPT_URL, "http://localhost" + request.target)
        handle.set(CURLOPT_UNIX_SOCKET_PATH, socketPath)
        handle.set(CURLOPT_CONNECTTIMEOUT_MS, 10_000)
        handle.set(CURLOPT_NOSIGNAL, 1)

        var headerLines = ["Expect:"]
        let method = request.method.uppercased()
        switch request.body {
        case .none where method == "POST" || method == "PUT":
            handle.set(CURLOPT_POSTFIELDSIZE, 0)
            handle.set(CURLOPT_COPYPOSTFIELDS, "")
        case .none where method == "GET":
            handle.set(CURLOPT_HTTPGET, 1)
        case .none where method == "HEAD":
            handle.set(CURLOPT_NOBODY, 1)
        case .none:
            break
        case .bytes(let bytes):
            _ = paas_curl_setopt_off_t(handle.raw, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
            if bytes.isEmpty {
                handle.set(CURLOPT_COPYPOSTFIELDS, "")
            } else {
                bytes.withUnsafeBytes {
                    handle.set(CURLOPT_COPYPOSTFIELDS, pointer: UnsafeMutableRawPointer(mutating: $0.baseAddress))
                }
            }
            if request.headers["Content-Type"] == nil { headerLines.append("Content-Type: application/json") }
        case .stream:
            handle.set(CURLOPT_UPLOAD, 1)
            headerLines.append("Transfer-Encoding: chunked")
        }
        if method != "GET" && method != "HEAD" { handle.set(CURLOPT_CUSTOMREQUEST, method) }

        for (name, value) in request.headers { headerLines.append("\(name): \(value)") }
        var list: UnsafeMutablePointer<curl_slist>?
        for line in headerLines { list = paas_curl_slist_append(list, line) }
        _ = paas_curl_setopt_slist(handle.raw, CURLOPT_HTTPHEADER, list)
        return list
    }

    /// The error for a transfer that did not complete.
    private func failure(_ code: CURLcode, _ transfer: CurlTransfer) -> any Error {
        if let error = transfer.readError { return error }
        if let reason = transfer.cancelledReason { return EngineError.cancelled(reason) }
        if code == CURLE_COULDNT_CONNECT || code == CURLE_OPERATION_TIMEDOUT {
            return EngineError.unreachable(
                socket: socketPath, detail: connectProblem(transfer.handle.message(for: code)))
        }
        return EngineError.unreachable(
            socket: socketPath, detail: "connection failed mid-request: \(transfer.handle.message(for: code))")
    }

    /// Says why the socket did not answer in words that point at the fix.
    func connectProblem(_ curlMessage: String) -> String {
        var info = stat()
        if stat(socketPath, &info) != 0 { return "no such socket" }
        if access(socketPath, R_OK | W_OK) != 0 { return "permission denied on the socket" }
        return curlMessage
    }
}
