/// What the core asks of a plugin: one per run, as JSON on stdin (triggers) or in
/// `PAAS_REQUEST` (commands).
public struct PluginRequest: Codable, Sendable, Equatable {
    /// Whether the run is for a trigger or a command.
    public enum Kind: String, Codable, Sendable {
        case trigger
        case command
    }

    /// The protocol version of the request (`PluginProtocol.version`).
    public var `protocol`: Int
    /// Trigger or command.
    public var kind: Kind
    /// The trigger's or the command's name (`post-deploy`, `maintenance:on`).
    public var name: String
    /// The app concerned, when there is one.
    public var app: String?
    /// The trigger's payload (see docs/plugins.md); an empty object for commands.
    public var data: JSONValue
    /// The command's arguments as the user typed them; empty for triggers.
    public var args: [String]
    /// The version of paas that sent the request.
    public var paasVersion: String

    /// A request; `protocol` defaults to the version this library speaks.
    public init(
        protocol: Int = PluginProtocol.version, kind: Kind, name: String, app: String? = nil,
        data: JSONValue = .object([:]), args: [String] = [], paasVersion: String
    ) {
        self.protocol = `protocol`
        self.kind = kind
        self.name = name
        self.app = app
        self.data = data
        self.args = args
        self.paasVersion = paasVersion
    }

    private enum CodingKeys: String, CodingKey {
        case `protocol`, kind, name, app, data, args, paasVersion
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.protocol = try c.decode(Int.self, forKey: .protocol)
        self.kind = try c.decode(Kind.self, forKey: .kind)
        self.name = try c.decode(String.self, forKey: .name)
        self.app = try c.decodeIfPresent(String.self, forKey: .app)
        self.data = try c.decodeIfPresent(JSONValue.self, forKey: .data) ?? .object([:])
        self.args = try c.decodeIfPresent([String].self, forKey: .args) ?? []
        self.paasVersion = try c.decodeIfPresent(String.self, forKey: .paasVersion) ?? ""
    }
}
