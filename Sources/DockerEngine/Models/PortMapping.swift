/// One port of a container as `GET /containers/json` lists it: a container port, and the host
/// port it is published on, if any.
public struct PortMapping: Sendable, Equatable {
    /// The host address the port is bound to ("127.0.0.1", "0.0.0.0", "::"); nil when unpublished.
    public var ip: String?
    /// The port inside the container.
    public var privatePort: Int
    /// The port on the host; nil when the port is only exposed.
    public var publicPort: Int?
    /// "tcp", "udp" or "sctp".
    public var type: String

    /// Creates a mapping (fakes in tests).
    public init(ip: String? = nil, privatePort: Int, publicPort: Int? = nil, type: String = "tcp") {
        self.ip = ip
        self.privatePort = privatePort
        self.publicPort = publicPort
        self.type = type
    }

    // Names mirror Docker's JSON keys.

    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Wire: Decodable {
        var IP: String?
        var PrivatePort: Int?
        var PublicPort: Int?
        var `Type`: String?
    }

    init(_ w: Wire) {
        ip = w.IP.flatMap { $0.isEmpty ? nil : $0 }
        privatePort = w.PrivatePort ?? 0
        publicPort = w.PublicPort.flatMap { $0 == 0 ? nil : $0 }
        type = w.Type ?? "tcp"
    }
}
