import CCurl

/// One libcurl easy handle and its error buffer. Reused across requests so that the connection
/// to the daemon stays open between them.
///
/// `@unchecked Sendable`: a handle is only ever used by one transfer at a time; `CurlTransport`
/// hands it out of, and back into, its locked pool.
final class CurlHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer
    let errorBuffer: UnsafeMutablePointer<CChar>

    /// A new handle; nil when libcurl is missing (`CurlLibrary.ensureLoaded` says why) or failed.
    init?() {
        guard CurlLibrary.isUsable else { return nil }
        guard let raw = paas_curl_easy_init() else { return nil }
        self.raw = raw
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer[0] = 0
    }

    deinit {
        paas_curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    /// Clears the options of the last request; keeps the open connection.
    func reset() {
        paas_curl_easy_reset(raw)
        errorBuffer[0] = 0
        _ = paas_curl_setopt_pointer(raw, CURLOPT_ERRORBUFFER, errorBuffer)
    }

    func set(_ option: CURLoption, _ value: Int) { _ = paas_curl_setopt_long(raw, option, value) }
    func set(_ option: CURLoption, _ value: String) { _ = paas_curl_setopt_string(raw, option, value) }
    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) {
        _ = paas_curl_setopt_pointer(raw, option, pointer)
    }

    /// The status code of the response being received (0 before the headers).
    var responseCode: Int {
        var code = 0
        _ = paas_curl_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// libcurl's message for the last failure: the error buffer, else the code's text.
    func message(for code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: paas_curl_easy_strerror(code)) : detail
    }
}
