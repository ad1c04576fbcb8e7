/// One way a plugin broke the protocol, found by ``ConformanceKit``.
public struct Violation: Sendable, Equatable, CustomStringConvertible {
    /// What kind of violation: the word `plugin:test` prints first.
    public enum Kind: String, Sendable, CaseIterable {
        /// plugin.json is missing or breaks a rule.
        case manifest
        /// An executable could not be started.
        case notRunnable = "not-runnable"
        /// stdout held something that is not a JSON reply object.
        case invalidReply = "invalid-reply"
        /// A reply field had the wrong type (or a required one was missing).
        case badField = "bad-field"
        /// A reply's `action` was neither `continue` nor `stop`.
        case unknownAction = "unknown-action"
        /// stdout went past the reply cap.
        case outputTooLarge = "output-too-large"
        /// The run did not end within its timeout.
        case hang
        /// The run was killed by a signal it did not get from paas.
        case crash
        /// A non-zero exit status where the protocol expects 0 (or a status of 126 and up).
        case exitStatus = "exit-status"
        /// Unknown request fields changed the outcome instead of being ignored.
        case unknownFields = "unknown-fields"
        /// The reply amended something the trigger does not honour.
        case amendmentNotHonoured = "amendment-not-honoured"
        /// A label amendment used the reserved `paas.` prefix.
        case reservedLabel = "reserved-label"
        /// A `stop` reply on a trigger that cannot stop.
        case stopOnNotify = "stop-cannot-stop"
        /// A `stop` reply without a message for the user.
        case stopWithoutMessage = "stop-without-message"
        /// Started ahead (`prestart`) and given no request, it did something other than exit 0
        /// with nothing on stdout.
        case prestart
    }

    /// The kind.
    public var kind: Kind
    /// The trigger or command run (empty for the manifest).
    public var target: String
    /// The request sent (`valid`, `unknown fields`, `malformed JSON`, ...).
    public var request: String
    /// What happened, in a few words.
    public var detail: String

    /// A violation.
    public init(_ kind: Kind, target: String, request: String, detail: String) {
        self.kind = kind
        self.target = target
        self.request = request
        self.detail = detail
    }

    /// One line: `KIND TARGET (REQUEST): DETAIL`.
    public var description: String {
        target.isEmpty ? "\(kind.rawValue): \(detail)" : "\(kind.rawValue) \(target) (\(request)): \(detail)"
    }
}

/// What `plugin:test` found for one plugin folder.
public struct ConformanceReport: Sendable {
    /// The plugin's name (the folder's name when the manifest is unreadable).
    public var plugin: String
    /// How many runs were made.
    public var runs: Int
    /// Every violation, in the order found.
    public var violations: [Violation]
    /// True when there is none.
    public var passed: Bool { violations.isEmpty }
}
