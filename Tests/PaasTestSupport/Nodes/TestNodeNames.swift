/// The names a `TestDockerNodes` set gives what it makes on the host, all derived from the test
/// id, so that exactly those things can be found and removed again.
///
/// Interface names must fit Linux's 15 characters, so they carry `tag` (8 hex digits hashed
/// from the id) instead of the id itself; namespaces, folders and iptables comments carry the id.
public struct TestNodeNames: Sendable, Equatable {
    /// The folder that holds every node's folder.
    public static let root = "/var/lib/paas-test-nodes"

    /// The test id.
    public let id: String
    /// 8 hex digits derived from `id`.
    public let tag: String

    /// The names for test id `id` (lowercase letters, digits and dashes).
    public init(id: String) throws {
        let allowed = id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard !id.isEmpty, id.count <= 40, allowed else {
            throw TestSupportError(
                "'\(id)' is not a test id for nodes: expected 1-40 lowercase letters, digits, dashes")
        }
        self.id = id
        var hash: UInt32 = 2_166_136_261  // FNV-1a
        for byte in id.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let hex = String(hash, radix: 16)
        tag = String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The Linux bridge all nodes and the host share.
    public var bridge: String { "pb\(tag)" }
    /// The host end of node `k`'s veth pair (attached to the bridge).
    public func hostVeth(_ k: Int) -> String { "ph\(tag)\(k)" }
    /// The node end of node `k`'s veth pair before it moves into the namespace (there: eth0).
    public func nodeVeth(_ k: Int) -> String { "pn\(tag)\(k)" }
    /// Node `k`'s name: its network namespace's name and its daemon's hostname.
    public func node(_ k: Int) -> String { "\(id)-n\(k)" }
    /// The path of node `k`'s network namespace.
    public func netnsPath(_ k: Int) -> String { "/var/run/netns/\(node(k))" }
    /// The folder of this test's nodes.
    public var folder: String { "\(Self.root)/\(id)" }
    /// Node `k`'s folder: data and exec roots, socket, pid file, log.
    public func folder(_ k: Int) -> String { "\(folder)/n\(k)" }
    /// The cgroup under which node `k`'s containers run (found again if one is left behind).
    public func cgroupParent(_ k: Int) -> String { "paas-\(tag)-n\(k)" }
    /// The comment on every iptables rule this test adds.
    public var ruleComment: String { "paas-test-nodes \(id)" }
}
