/// Every trigger paas fires: the one list manifests are checked against, the docs table and the
/// schemas in docs/schemas/triggers are tested against, and `plugin:test` runs through.
public enum TriggerCatalog {
    /// Every trigger, in the order an app's life meets them.
    public static let all: [any AnyTrigger] = [
        Trigger.userAuth, Trigger.appCreate, Trigger.preBuild, Trigger.postBuild, Trigger.preRelease,
        Trigger.containerCreate, Trigger.healthCheck, Trigger.proxyUpdate, Trigger.proxyCheck, Trigger.postDeploy, Trigger.deployFailed,
        Trigger.configChanged, Trigger.domainsChanged, Trigger.preAppDestroy, Trigger.appDestroy, Trigger.appDestroyed,
    ]

    /// The trigger named `name`, if paas fires it.
    public static func named(_ name: String) -> (any AnyTrigger)? { all.first { $0.name == name } }
}
