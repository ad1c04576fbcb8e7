extension Trigger where Payload == NoPayload, Changes == NoChanges {
    /// While paas upgrades itself (and after a rollback): check the proxy's whole configuration;
    /// a stop fails the upgrade, which rolls back.
    public static var proxyCheck: Self {
        Self("proxy-check", canStop: true, summary: "while paas upgrades itself, after the re-sync")
    }
}
