/// Where the registry listens and nodes reach it: the main host's Swarm advertise address and
/// a port (5000 unless a test picks another).
public struct RegistryAddress: Sendable, Hashable, CustomStringConvertible {
    /// The IPv4 address (the Swarm advertise address; 127.0.0.1 in tests).
    public let host: String
    /// The TCP port.
    public let port: UInt16

    /// The registry's usual port.
    public static let defaultPort: UInt16 = 5000

    /// An address; throws when `host` is not a dotted IPv4 address.
    public init(host: String, port: UInt16 = RegistryAddress.defaultPort) throws(RegistryError) {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ $0.count <= 3 && UInt8($0) != nil }) else {
            throw RegistryError.badAddress(host)
        }
        self.host = host
        self.port = port
    }

    /// `HOST:PORT`, as image names and /etc/docker/certs.d name the registry.
    public var description: String { "\(host):\(port)" }

    /// The registry's base URL, `https://HOST:PORT`.
    public var baseURL: String { "https://\(host):\(port)" }
}
