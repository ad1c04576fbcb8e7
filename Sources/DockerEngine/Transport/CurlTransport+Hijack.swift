import CCurl
import PaasSupport

extension CurlTransport {
    /// Opens a fresh connection with libcurl, then speaks HTTP on it by hand so that it can be
    /// kept as a raw stream after the daemon's upgrade.
    public func performHijacked(
        _ request: EngineRequest, stdin: Int32?, whenUpgraded: () throws -> Void,
        onData: (UnsafeRawBufferPointer) -> Void
    ) throws -> EngineResponse {
        if let reason = cancellation?.reason { throw EngineError.cancelled(reason) }
        try CurlLibrary.ensureLoaded()
        guard let handle = CurlHandle() else {
            throw EngineError.unreachable(socket: socketPath, detail: "libcurl could not make a handle")
        }
        handle.reset()
        handle.set(CURLOPT_URL, "http://localhost/")
        handle.set(CURLOPT_UNIX_SOCKET_PATH, socketPath)
        handle.set(CURLOPT_CONNECT_ONLY, 1)
        handle.set(CURLOPT_CONNECTTIMEOUT_MS, 10_000)
        handle.set(CURLOPT_NOSIGNAL, 1)
        let code = paas_curl_easy_perform(handle.raw)
        guard code == CURLE_OK else {
            throw EngineError.unreachable(socket: socketPath, detail: connectProblem(handle.message(for: code)))
        }

        let connection = try HijackedConnection(handle: handle, socketPath: socketPath, cancellation: cancellation)
        try connection.send(request)
        let (head, rest) = try connection.readHead()
        guard head.status == 101 || head.status == 200 else {
            return EngineResponse(status: head.status, body: try connection.readBody(head, after: rest))
        }
        try whenUpgraded()
        if !rest.isEmpty { rest.withUnsafeBytes(onData) }
        try connection.pump(stdin: stdin, onData: onData)
        return EngineResponse(status: head.status, body: [])
    }
}
