/// Why the nginx plugin refused or failed; `description` is the stop message the user sees.
enum NginxPluginError: Error, CustomStringConvertible {
    /// settings.json is missing or has no `nginx` object.
    case noSettings
    /// settings.json could not be read.
    case badSettings(path: String, detail: String)
    /// The request lacks something or holds a value that cannot go into a config file.
    case badRequest(String)
    /// An nginx command (test or reload) failed; `detail` is nginx's own message.
    case nginx(what: String, detail: String)
    /// A file in the proxy folder could not be changed.
    case file(String)

    var description: String {
        switch self {
        case .noSettings: return "nginx plugin: settings.json has no nginx section (run scripts/install.sh)"
        case .badSettings(let path, let detail):
            return "nginx plugin: cannot read \(path): \(detail) (expected the JSON written by scripts/install.sh)"
        case .badRequest(let why): return "nginx plugin: \(why)"
        case .nginx(let what, let detail): return "\(what) failed: \(detail)"
        case .file(let why): return "nginx plugin: \(why)"
        }
    }
}
