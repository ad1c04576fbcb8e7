/// A trigger the core fires: its name, whether a plugin can stop the core's work with it, the
/// payload it sends (the request's `data`) and the amendments it honours (the reply's `changes`).
///
/// The core fires triggers only through these values, and plugins read payloads through them,
/// so the two sides cannot disagree about a field:
///
/// ```swift
/// let update = try request.payload(Trigger.proxyUpdate)   // a ProxyUpdate
/// ```
public struct Trigger<Payload: TriggerPayload, Changes: TriggerChanges>: AnyTrigger {
    /// The name manifests and requests use (`pre-build`).
    public let name: String
    /// Whether a `stop` reply (or a failing plugin) stops the core's work. When false the
    /// trigger reports something that already happened: a failure becomes a warning.
    public let canStop: Bool
    /// When it fires, in a few words (the "when" column of docs/plugins.md).
    public let summary: String

    /// A trigger; `name` must be unique among ``TriggerCatalog/all``.
    public init(_ name: String, canStop: Bool, summary: String) {
        self.name = name
        self.canStop = canStop
        self.summary = summary
    }

    /// The reply fields the trigger honours.
    public var amends: [Amendment] { Changes.fields }
    /// The payload type, for tools that handle every trigger alike.
    public var payloadType: any TriggerPayload.Type { Payload.self }
    /// The amendments type.
    public var changesType: any TriggerChanges.Type { Changes.self }
}

/// A trigger whatever its payload: what catalogs, manifests and the conformance kit need.
public protocol AnyTrigger: Sendable {
    /// The trigger's name.
    var name: String { get }
    /// Whether a plugin can stop the core's work with it.
    var canStop: Bool { get }
    /// When it fires, in a few words.
    var summary: String { get }
    /// The reply fields the trigger honours, in documentation order.
    var amends: [Amendment] { get }
    /// The payload type.
    var payloadType: any TriggerPayload.Type { get }
    /// The amendments type.
    var changesType: any TriggerChanges.Type { get }
}

/// A field of a reply's `changes` that some trigger honours.
public enum Amendment: String, Sendable, Hashable, CaseIterable {
    case env, labels, mounts, buildArgs, checks
}
