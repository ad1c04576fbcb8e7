import PaasSupport

/// One HTTP request to the Docker Engine API.
///
/// Not `Sendable`: a streamed body is a `ByteSource`, which is read once by one transfer.
public struct EngineRequest {
    /// What goes up with the request.
    public enum Body {
        /// No body.
        case none
        /// A body already in memory (JSON).
        case bytes([UInt8])
        /// A body read as it is sent, with chunked transfer encoding (a tar build context).
        case stream(ByteSource)
    }

    /// The HTTP method: GET, POST, PUT, DELETE, HEAD.
    public var method: String
    /// The path without the API version, such as "/containers/json".
    public var path: String
    /// The API version the transport puts in front of `path` ("v1.41"); nil sends `path` as is.
    public var apiVersion: String?
    /// Query parameters, in order, not yet percent-encoded.
    public var query: [(String, String)]
    /// Extra request headers.
    public var headers: [String: String]
    /// The request body.
    public var body: Body

    /// Creates a request.
    public init(
        method: String, path: String, apiVersion: String? = nil, query: [(String, String)] = [],
        headers: [String: String] = [:], body: Body = .none
    ) {
        self.method = method
        self.path = path
        self.apiVersion = apiVersion
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The path and query as they go on the wire: "/v1.41/containers/json?all=1".
    public var target: String {
        var target = (apiVersion.map { "/" + $0 } ?? "") + path
        if !query.isEmpty {
            target += "?" + query.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
        }
        return target
    }
}

/// The status and (unless streamed) the body of an Engine API response.
public struct EngineResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The accumulated body; empty for a 2xx body handed to `onChunk`.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

/// Carries Engine API requests to a daemon: libcurl on the unix socket, or a fake in tests.
public protocol EngineTransport: Sendable {
    /// Performs `request` to completion.
    ///
    /// With `onChunk`, a 2xx body is handed over as it arrives and not accumulated; an error
    /// body (>= 400) is always accumulated. Throws `EngineError.unreachable` when the daemon
    /// cannot be reached and `EngineError.cancelled` when the transfer was cancelled.
    func perform(_ request: EngineRequest, onChunk: ((UnsafeRawBufferPointer) -> Void)?) throws -> EngineResponse

    /// Performs `request` (an `Upgrade: tcp` request such as attach) and takes over the connection.
    ///
    /// When the daemon switches to a raw stream (101, or 200), calls `whenUpgraded`, then copies
    /// `stdin` (when given) to the connection, closing the connection's write side at its end,
    /// and hands every byte the daemon sends to `onData`, until the daemon closes the stream.
    /// Returns the response status (and the error body when the daemon refused).
    func performHijacked(
        _ request: EngineRequest, stdin: Int32?, whenUpgraded: () throws -> Void,
        onData: (UnsafeRawBufferPointer) -> Void
    ) throws -> EngineResponse
}

extension EngineTransport {
    /// Transports without a raw connection (fakes) cannot take one over.
    public func performHijacked(
        _ request: EngineRequest, stdin: Int32?, whenUpgraded: () throws -> Void,
        onData: (UnsafeRawBufferPointer) -> Void
    ) throws -> EngineResponse {
        throw EngineError.unsupported("attach to a container (\(request.path))")
    }
}

private let unreserved: Set<UInt8> = Set(
    Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/:".utf8))

/// Percent-encodes everything but unreserved characters, "/" and ":" (which Docker's router and
/// query parser accept as they are, and which keep image references readable in logs).
func percentEncode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        if unreserved.contains(byte) {
            out.unicodeScalars.append(Unicode.Scalar(byte))
        } else {
            out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
    }
    return out
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
