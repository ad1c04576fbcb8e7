/// A plugin as `plugin:list` and `plugin:report` show it.
public struct PluginInfo: Codable, Sendable, Equatable {
    /// Its name (the folder's name when the manifest cannot be read).
    public var name: String
    /// Its own version; empty when the manifest cannot be read.
    public var version: String
    /// What it does.
    public var description: String?
    /// Whether its triggers fire and its commands answer.
    public var enabled: Bool
    /// Its folder, absolute.
    public var directory: String
    /// Trigger names it declares, sorted.
    public var triggers: [String]
    /// Command names it declares, sorted.
    public var commands: [String]
    /// The manifest, when it is valid.
    public var manifest: PluginManifest?
    /// Why it cannot be used, when it cannot.
    public var problem: String?
}
