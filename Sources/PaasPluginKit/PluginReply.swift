/// What a plugin answers: one JSON object on stdout. An empty stdout with exit status 0 means
/// `.continue`.
public struct PluginReply: Codable, Sendable, Equatable {
    /// Whether the core goes on with what it was doing.
    public enum Action: String, Codable, Sendable {
        case `continue`
        case stop
    }

    /// Go on, or stop (refuse, fail the step).
    public var action: Action
    /// Shown to the user: the reason for a stop, or a note.
    public var message: String?
    /// Amendments, honoured by amending triggers only (see docs/plugins.md).
    public var changes: PluginChanges?

    /// A reply.
    public init(action: Action, message: String? = nil, changes: PluginChanges? = nil) {
        self.action = action
        self.message = message
        self.changes = changes
    }

    /// Go on, nothing to add.
    public static let `continue` = PluginReply(action: .continue)

    /// Stop what the core is doing, telling the user why.
    public static func stop(_ message: String) -> PluginReply {
        PluginReply(action: .stop, message: message)
    }

    /// Go on, with these amendments.
    public static func amend(_ changes: PluginChanges, message: String? = nil) -> PluginReply {
        PluginReply(action: .continue, message: message, changes: changes)
    }

    private enum CodingKeys: String, CodingKey { case action, message, changes }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let action = try c.decodeIfPresent(String.self, forKey: .action) ?? Action.continue.rawValue
        guard let known = Action(rawValue: action) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [CodingKeys.action], debugDescription: "unknown action \"\(action)\" (expected continue or stop)"))
        }
        self.action = known
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
        self.changes = try c.decodeIfPresent(PluginChanges.self, forKey: .changes)
    }
}
