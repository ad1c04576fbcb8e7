/// Constants of the plugin protocol shared by the core and plugin authors.
public enum PluginProtocol {
    /// The protocol version this library speaks: requests carry it, manifests declare it.
    public static let version = 1

    /// Names of the environment variables the core sets for every plugin it starts.
    public enum Environment {
        /// The protocol version, as decimal text.
        public static let `protocol` = "PAAS_PROTOCOL"
        /// The trigger's name, for trigger runs.
        public static let trigger = "PAAS_TRIGGER"
        /// The command's name, for command runs.
        public static let command = "PAAS_COMMAND"
        /// The app concerned; absent when there is none.
        public static let app = "PAAS_APP"
        /// The plugin's own folder, absolute.
        public static let pluginDirectory = "PAAS_PLUGIN_DIR"
        /// paas's state root, absolute.
        public static let root = "PAAS_ROOT"
        /// The whole request as JSON, for command runs (whose stdin belongs to the user).
        public static let request = "PAAS_REQUEST"
        /// The version of paas that started the plugin.
        public static let paasVersion = "PAAS_VERSION"
        /// `1` when the core started the plugin ahead of its request (manifest `prestart`): if
        /// stdin then ends without a request, the deploy did not get that far; exit 0 and do
        /// nothing.
        public static let prestarted = "PAAS_PRESTARTED"
    }

    /// The triggers a manifest may mark `prestart`: those the core knows it will fire a moment
    /// before the request is ready.
    public static let prestartTriggers: Set<String> = ["proxy-update"]
}
