/// Why the haproxy plugin refused or failed; `description` is the one line the user sees.
enum HAProxyPluginError: Error, CustomStringConvertible {
    /// settings.json could not be read.
    case badSettings(path: String, detail: String)
    /// The admin socket is missing or does not answer: HAProxy is not running.
    case notRunning(socket: String, start: String)
    /// A socket could not be used.
    case socket(path: String, detail: String)
    /// HAProxy refused a runtime command; `answer` is its own message.
    case refused(command: String, answer: String)
    /// A file of the proxy's state could not be written.
    case file(String)
    /// The request holds something the plugin cannot serve.
    case badRequest(String)
    /// HAProxy did not come back after a reload.
    case reload(String)

    /// Whether the admin socket itself failed (missing, refused, timed out).
    var isSocketFailure: Bool {
        if case .socket = self { return true }
        return false
    }

    var description: String {
        switch self {
        case .badSettings(let path, let detail):
            return "haproxy plugin: cannot read \(path): \(detail) (expected the JSON written by scripts/install.sh)"
        case .notRunning(let socket, let start):
            return "HAProxy is not running (its admin socket \(socket) does not answer): start it with: \(start)"
        case .socket(let path, let detail): return "haproxy plugin: \(path): \(detail)"
        case .refused(let command, let answer): return "HAProxy refused '\(command)': \(answer)"
        case .file(let why): return "haproxy plugin: \(why)"
        case .badRequest(let why): return "haproxy plugin: \(why)"
        case .reload(let why): return "haproxy plugin: reload failed: \(why)"
        }
    }
}
