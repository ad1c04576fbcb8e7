/// What went wrong with a plugin, in one line that names it.
public enum PluginError: Error, CustomStringConvertible, Equatable {
    /// The folder has no `plugin.json`.
    case noManifest(directory: String)
    /// The manifest is not valid JSON or lacks a field.
    case unreadableManifest(plugin: String, detail: String)
    /// The manifest is readable but breaks a rule.
    case invalid(plugin: String, problem: String)
    /// No plugin of that name is installed.
    case notInstalled(String)
    /// A plugin of that name is installed already.
    case alreadyInstalled(String)
    /// Two plugins declare the same command.
    case commandTaken(command: String, plugin: String, owner: String)
    /// No enabled plugin declares this command.
    case unknownCommand(String)
    /// A file operation failed.
    case io(plugin: String, detail: String)

    public var description: String {
        switch self {
        case .noManifest(let dir): return "\(dir) is not a plugin: it has no plugin.json"
        case .unreadableManifest(let p, let detail): return "plugin '\(p)': cannot read plugin.json: \(detail)"
        case .invalid(let p, let problem): return "plugin '\(p)': \(problem)"
        case .notInstalled(let p): return "plugin '\(p)' is not installed (see plugin:list)"
        case .alreadyInstalled(let p):
            return "plugin '\(p)' is installed already (uninstall it first, or install with --replace)"
        case .commandTaken(let c, let p, let owner):
            return "plugin '\(p)': command '\(c)' is already provided by \(owner)"
        case .unknownCommand(let c): return "no such command: \(c) (no enabled plugin provides it)"
        case .io(let p, let detail): return "plugin '\(p)': \(detail)"
        }
    }
}
