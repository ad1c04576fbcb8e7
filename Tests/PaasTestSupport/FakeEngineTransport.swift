import DockerEngine
import PaasSupport
import Synchronization

/// A request as `FakeEngineTransport` saw it, with a streamed body read in full.
public struct RecordedEngineRequest: Sendable {
    public var method: String
    /// The path without the API version.
    public var path: String
    public var apiVersion: String?
    public var query: [(String, String)]
    public var headers: [String: String]
    public var body: [UInt8]
    /// True when the body came as a stream (chunked upload).
    public var streamed: Bool

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The first value of query parameter `name`.
    public func queryValue(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
}

/// What `FakeEngineTransport` answers: a status and a body delivered in these chunks.
public struct FakeEngineReply: Sendable {
    public var status: Int
    /// The body, cut where a real connection might cut it.
    public var chunks: [[UInt8]]

    /// A reply whose body arrives in `chunks`.
    public init(status: Int = 200, chunks: [[UInt8]]) {
        self.status = status
        self.chunks = chunks
    }

    /// A reply with `body` as text, in one chunk.
    public init(status: Int = 200, body: String = "") {
        self.init(status: status, chunks: body.isEmpty ? [] : [Array(body.utf8)])
    }
}

/// A recording `EngineTransport` for tests: answers from routes ("METHOD /path") or a handler,
/// honouring the streaming contract (2xx bodies go to `onChunk` chunk by chunk).
public final class FakeEngineTransport: EngineTransport {
    private struct State {
        var requests: [RecordedEngineRequest] = []
        var routes: [String: FakeEngineReply] = [:]
    }

    private let state = Mutex(State())
    private let fallback: @Sendable (RecordedEngineRequest) -> FakeEngineReply

    /// A fake that answers unrouted requests with `fallback` (by default 404 with a message).
    public init(
        fallback: @escaping @Sendable (RecordedEngineRequest) -> FakeEngineReply = {
            FakeEngineReply(status: 404, body: #"{"message":"fake engine: no route for \#($0.method) \#($0.path)"}"#)
        }
    ) {
        self.fallback = fallback
    }

    /// Answers `method path` (path without the API version) with `reply` from now on.
    public func on(_ method: String, _ path: String, _ reply: FakeEngineReply) {
        state.withLock { $0.routes["\(method) \(path)"] = reply }
    }

    /// Every request so far, oldest first.
    public var requests: [RecordedEngineRequest] { state.withLock { $0.requests } }

    public func perform(_ request: EngineRequest, onChunk: ((UnsafeRawBufferPointer) -> Void)?) throws
        -> EngineResponse
    {
        var body: [UInt8] = []
        var streamed = false
        switch request.body {
        case .none: break
        case .bytes(let bytes): body = bytes
        case .stream(let source):
            body = try source.readAll()
            streamed = true
        }
        let recorded = RecordedEngineRequest(
            method: request.method, path: request.path, apiVersion: request.apiVersion, query: request.query,
            headers: request.headers, body: body, streamed: streamed)
        let route = state.withLock { s -> FakeEngineReply? in
            s.requests.append(recorded)
            return s.routes["\(request.method) \(request.path)"]
        }
        let reply = route ?? fallback(recorded)
        if let onChunk, reply.status < 400 {
            for chunk in reply.chunks { chunk.withUnsafeBytes(onChunk) }
            return EngineResponse(status: reply.status, body: [])
        }
        return EngineResponse(status: reply.status, body: reply.chunks.flatMap { $0 })
    }
}
