/// A trigger the core fires, with what a plugin may do in it.
public struct KnownTrigger: Sendable, Hashable {
    /// Which amendment fields of a reply a trigger honours.
    public enum Amendment: String, Sendable, Hashable, CaseIterable {
        case env, labels, mounts, buildArgs, checks
    }

    /// The trigger's name as manifests spell it.
    public let name: String
    /// Whether a `stop` reply (or a failing plugin) stops the core's work. When false, a failure
    /// is reported as a warning and the other plugins still run.
    public let canStop: Bool
    /// The reply fields honoured; others are ignored with a warning.
    public let amends: Set<Amendment>
    /// When it fires, in a few words.
    public let summary: String

    /// Every trigger paas fires, in the order a deploy meets them.
    public static let all: [KnownTrigger] = [
        KnownTrigger(name: "user-auth", canStop: true, amends: [], summary: "before any command; stop refuses it"),
        KnownTrigger(name: "app-create", canStop: true, amends: [], summary: "before an app is created"),
        KnownTrigger(name: "app-destroy", canStop: true, amends: [], summary: "before an app is destroyed"),
        KnownTrigger(name: "pre-build", canStop: true, amends: [.buildArgs], summary: "before the image is built"),
        KnownTrigger(name: "post-build", canStop: true, amends: [], summary: "after the image is built"),
        KnownTrigger(name: "pre-release", canStop: true, amends: [], summary: "before the release tasks run"),
        KnownTrigger(
            name: "container-create", canStop: true, amends: [.env, .labels, .mounts],
            summary: "before each app container is created"),
        KnownTrigger(
            name: "health-check", canStop: true, amends: [.checks],
            summary: "when new containers are checked, before traffic moves"),
        KnownTrigger(name: "proxy-update", canStop: true, amends: [], summary: "before the proxy is switched"),
        KnownTrigger(
            name: "proxy-check", canStop: true, amends: [],
            summary: "when paas upgrades itself: check the proxy's whole configuration"),
        KnownTrigger(name: "post-deploy", canStop: false, amends: [], summary: "after traffic moved to the new release"),
        KnownTrigger(name: "deploy-failed", canStop: false, amends: [], summary: "after a deploy failed and was undone"),
        KnownTrigger(name: "config-changed", canStop: false, amends: [], summary: "after config:set/unset"),
        KnownTrigger(name: "domains-changed", canStop: false, amends: [], summary: "after domains:add/remove"),
    ]

    /// The trigger named `name`, if paas fires it.
    public static func named(_ name: String) -> KnownTrigger? { all.first { $0.name == name } }
}
