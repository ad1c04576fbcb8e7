import PaasPlugins
import PaasSupport

/// Which proxy serves the apps: the enabled plugin that declares `proxy-update`. Exactly one
/// should be enabled; `select` makes it so.
public struct ProxySelection {
    let registry: PluginRegistry

    public init(registry: PluginRegistry) { self.registry = registry }

    /// Every installed plugin that is a proxy (declares `proxy-update`).
    public func proxies() -> [PluginInfo] {
        registry.list().filter { $0.triggers.contains("proxy-update") }
    }

    /// The names of the enabled proxies (normally one).
    public func current() -> [String] { proxies().filter(\.enabled).map(\.name) }

    /// Enables proxy `name` and disables every other proxy plugin.
    /// - Throws: `ProxySelectionError.notAProxy` when no installed proxy plugin has that name.
    public func select(_ name: String) throws {
        let all = proxies()
        guard all.contains(where: { $0.name == name }) else {
            throw ProxySelectionError(name: name, installed: all.map(\.name))
        }
        try registry.enable(name)
        for other in all where other.name != name && other.enabled { try registry.disable(other.name) }
    }
}

/// `proxy:set` named no installed proxy plugin.
public struct ProxySelectionError: Error, CustomStringConvertible {
    public let name: String
    public let installed: [String]
    public var description: String {
        let list = installed.isEmpty ? "none is installed (scripts/install.sh installs haproxy and nginx)" : installed.joined(separator: ", ")
        return "'\(name)' is not an installed proxy plugin; expected one of: \(list)"
    }
}
