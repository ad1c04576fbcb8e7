import CCurl

/// libcurl, opened from `libcurl.so.4` the first time the Docker Engine is called rather than
/// when `paas` starts: most commands never talk to Docker and should not pay for loading it.
enum CurlLibrary {
    /// Why libcurl cannot be used, or nil when it was loaded and `curl_global_init` ran.
    /// A static `let` is computed once, thread-safely, before the first handle is made.
    private static let problem: String? = {
        if let reason = paas_curl_load_error() { return String(cString: reason) }
        let code = paas_curl_global_init(Int(CURL_GLOBAL_ALL))
        guard code == CURLE_OK else {
            return "libcurl could not initialise: \(String(cString: paas_curl_easy_strerror(code)))"
        }
        return nil
    }()

    /// True when libcurl is loaded and initialised.
    static var isUsable: Bool { problem == nil }

    /// Throws `EngineError.libraryUnavailable` when libcurl cannot be loaded on this machine.
    static func ensureLoaded() throws(EngineError) {
        if let problem { throw EngineError.libraryUnavailable(problem) }
    }
}
