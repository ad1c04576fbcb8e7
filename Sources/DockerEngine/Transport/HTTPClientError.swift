/// A `CurlHTTPClient` request got no HTTP answer.
public struct HTTPClientError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure it was.
    public enum Kind: Sendable, Equatable {
        /// Nothing accepted the connection (refused, no route).
        case connect
        /// No answer in time.
        case timeout
        /// The TLS handshake failed, or the server's certificate was not trusted.
        case tls
        /// Anything else (the connection broke, libcurl missing).
        case other
    }

    /// The URL asked for.
    public let url: String
    public let kind: Kind
    /// libcurl's or the system's words for it ("connection refused").
    public let detail: String

    /// An error for `url`.
    public init(url: String, kind: Kind, detail: String) {
        self.url = url
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "no answer from \(url) (\(detail))" }
}
