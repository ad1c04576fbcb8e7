import Foundation
import PaasSupport

/// A synchronous client for the Docker Engine API (v1.41) over an `EngineTransport`.
///
/// Every method blocks until the engine has answered; streaming methods hand output over as
/// it arrives. Errors are `EngineError` (or the error a request body's `ByteSource` threw).
public final class DockerClient: Sendable {
    /// Carries the requests.
    public let transport: any EngineTransport
    /// The API version every path is prefixed with ("v1.41").
    public let apiVersion: String

    /// A client sending requests through `transport`, for API `apiVersion`.
    public init(transport: any EngineTransport, apiVersion: String = "v1.41") {
        self.transport = transport
        self.apiVersion = apiVersion
    }

    /// A client for the local daemon: the socket named by `DOCKER_HOST=unix://...`, else
    /// /var/run/docker.sock.
    public static func local(cancellation: Cancellation? = .shared) -> DockerClient {
        DockerClient(transport: CurlTransport(socketPath: socketPath(), cancellation: cancellation))
    }

    /// The daemon socket named by `environment` (`DOCKER_HOST=unix://PATH`), else the default.
    public static func socketPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let host = environment["DOCKER_HOST"], host.hasPrefix("unix://"), host.count > 7 {
            return String(host.dropFirst(7))
        }
        return "/var/run/docker.sock"
    }

    // MARK: - Requests

    /// Sends a request; a status >= 400 that is not in `tolerating` becomes `EngineError.api`.
    @discardableResult
    func send(
        _ method: String, _ path: String, query: [(String, String)] = [], headers: [String: String] = [:],
        body: EngineRequest.Body = .none, tolerating: Set<Int> = [],
        onChunk: ((UnsafeRawBufferPointer) -> Void)? = nil
    ) throws -> EngineResponse {
        let request = EngineRequest(
            method: method, path: path, apiVersion: apiVersion, query: query, headers: headers, body: body)
        let response = try transport.perform(request, onChunk: onChunk)
        if response.status >= 400 && !tolerating.contains(response.status) {
            throw EngineError.api(status: response.status, message: Self.errorMessage(response))
        }
        return response
    }

    /// Sends `value` as a JSON body.
    @discardableResult
    func send<Body: Encodable>(
        _ method: String, _ path: String, query: [(String, String)] = [], json value: Body,
        tolerating: Set<Int> = []
    ) throws -> EngineResponse {
        let bytes = Array(try JSONEncoder().encode(value))
        return try send(method, path, query: query, body: .bytes(bytes), tolerating: tolerating)
    }

    /// Decodes a JSON body, naming `what` in the error.
    func decode<T: Decodable>(_ type: T.Type, _ response: EngineResponse, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(response.body))
        } catch {
            throw EngineError.decoding(what: what, detail: "\(error)")
        }
    }

    /// The engine's `{"message": ...}`, else the body as text, else the status.
    static func errorMessage(_ response: EngineResponse) -> String {
        struct Message: Decodable { var message: String? }
        if let decoded = try? JSONDecoder().decode(Message.self, from: Data(response.body)),
            let message = decoded.message, !message.isEmpty
        {
            return message
        }
        let text = String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "HTTP status \(response.status)" : text
    }

    /// The `filters` query parameter for a label filter ("k=v", or "k" for any value).
    static func labelFilter(_ labels: [String: String?]) -> [(String, String)] {
        guard !labels.isEmpty else { return [] }
        let terms = labels.map { key, value in value.map { "\(key)=\($0)" } ?? key }.sorted()
        let json = try! JSONEncoder().encode(["label": terms])
        return [("filters", String(decoding: json, as: UTF8.self))]
    }

    /// `labelFilter` for labels that all have values.
    static func labelFilter(_ labels: [String: String]) -> [(String, String)] {
        labelFilter(labels.mapValues { Optional($0) })
    }
}

/// Encodes a path segment (an id, a name, an image reference) for the URL path.
func segment(_ text: String) -> String { percentEncode(text) }
