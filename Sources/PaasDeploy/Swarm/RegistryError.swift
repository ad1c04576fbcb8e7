/// What went wrong with the Swarm image registry, in one line a user can act on.
public enum RegistryError: Error, CustomStringConvertible, Equatable {
    /// The address given is not an IPv4 address.
    case badAddress(String)
    /// openssl could not make the cluster CA or the registry's certificate (what, and why).
    case certificate(String)
    /// A file could not be written or read (path, and why).
    case file(String)
    /// The registry could not be started (why).
    case startFailed(String)
    /// The registry does not answer (address, reason, what to do).
    case notAnswering(address: String, reason: String, hint: String)
    /// The registry answered with an error (what was asked, status, its message).
    case api(what: String, status: Int, message: String)
    /// Garbage collection failed (docker-registry's words).
    case garbageCollection(String)
    /// The registry's lock was held too long by others (what waits).
    case busy(String)

    public var description: String {
        switch self {
        case .badAddress(let text):
            return
                "'\(text)' is not an IPv4 address: the registry listens on the Swarm advertise address, such as 10.0.0.1"
        case .certificate(let why): return "cannot make the registry's TLS certificate: \(why)"
        case .file(let why): return why
        case .startFailed(let why): return "the registry did not start: \(why)"
        case .notAnswering(let address, let reason, let hint):
            return "the registry at \(address) is not answering (\(reason))" + (hint.isEmpty ? "" : ": \(hint)")
        case .api(let what, let status, let message):
            return "the registry refused to \(what) (HTTP \(status)): \(message)"
        case .garbageCollection(let why): return "registry garbage collection failed: \(why)"
        case .busy(let what): return "the registry is busy: \(what)"
        }
    }
}
