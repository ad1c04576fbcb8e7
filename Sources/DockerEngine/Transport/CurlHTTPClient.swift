import CCurl
import Foundation

/// Plain HTTP(S) requests over TCP with the same libcurl handle code as the Engine transport:
/// for services paas runs itself, such as the image registry.
///
/// With `caFile`, a server certificate is trusted only when that CA signed it (the system's
/// CA store is not consulted). Proxies from the environment are never used.
public struct CurlHTTPClient: Sendable {
    /// The only CA to trust for https URLs; nil uses libcurl's default store.
    public let caFile: String?
    /// How long connecting and the whole request may take.
    public let timeout: Duration

    /// A client trusting `caFile` only, giving up after `timeout`.
    public init(caFile: String?, timeout: Duration = .seconds(30)) {
        self.caFile = caFile
        self.timeout = timeout
    }

    /// Performs `method` on `url` with `headers`; the response whatever its status.
    public func perform(_ method: String, _ url: String, headers: [String: String] = [:]) throws(HTTPClientError)
        -> HTTPResult
    {
        do { try CurlLibrary.ensureLoaded() } catch {
            throw HTTPClientError(url: url, kind: .other, detail: "\(error)")
        }
        guard let handle = CurlHandle() else {
            throw HTTPClientError(url: url, kind: .other, detail: "libcurl could not make a handle")
        }
        handle.reset()
        handle.set(CURLOPT_URL, url)
        handle.set(CURLOPT_NOSIGNAL, 1)
        handle.set(CURLOPT_NOPROXY, "*")
        let millis = Int(timeout / .milliseconds(1))
        handle.set(CURLOPT_CONNECTTIMEOUT_MS, millis)
        handle.set(CURLOPT_TIMEOUT_MS, millis)
        if let caFile {
            handle.set(CURLOPT_CAINFO, caFile)
            handle.set(CURLOPT_CAPATH, pointer: nil)
        }
        switch method.uppercased() {
        case "GET": handle.set(CURLOPT_HTTPGET, 1)
        case "HEAD": handle.set(CURLOPT_NOBODY, 1)
        case let other: handle.set(CURLOPT_CUSTOMREQUEST, other)
        }
        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in headers { list = paas_curl_slist_append(list, "\(name): \(value)") }
        defer { paas_curl_slist_free_all(list) }
        _ = paas_curl_setopt_slist(handle.raw, CURLOPT_HTTPHEADER, list)

        let transfer = CurlTransfer(handle: handle, onChunk: nil, source: nil, cancellation: nil)
        let context = Unmanaged.passRetained(transfer)
        defer { context.release() }
        transfer.install(context: context.toOpaque())
        transfer.collectHeaders(context: context.toOpaque())

        let code = paas_curl_easy_perform(handle.raw)
        guard code == CURLE_OK else { throw failure(code, handle, url: url) }
        return HTTPResult(status: handle.responseCode, headers: Self.headers(transfer.headerLines), body: transfer.body)
    }

    /// The headers of the last response in `lines` (names lowercased).
    static func headers(_ lines: [String]) -> [String: String] {
        var headers: [String: String] = [:]
        for line in lines {
            if line.hasPrefix("HTTP/") {
                headers = [:]
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return headers
    }

    private func failure(_ code: CURLcode, _ handle: CurlHandle, url: String) -> HTTPClientError {
        let message = handle.message(for: code)
        switch code {
        case CURLE_COULDNT_CONNECT:
            var osErrno = 0
            _ = paas_curl_getinfo_long(handle.raw, CURLINFO_OS_ERRNO, &osErrno)
            let detail = osErrno != 0 ? String(cString: strerror(Int32(osErrno))).lowercased() : message
            return HTTPClientError(url: url, kind: .connect, detail: detail)
        case CURLE_OPERATION_TIMEDOUT:
            return HTTPClientError(url: url, kind: .timeout, detail: "no answer within \(timeout)")
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE:
            return HTTPClientError(url: url, kind: .tls, detail: message)
        default:
            return HTTPClientError(url: url, kind: .other, detail: message)
        }
    }
}

/// The answer to a `CurlHTTPClient` request.
public struct HTTPResult: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The response headers, names lowercased.
    public var headers: [String: String]
    /// The body (empty for HEAD).
    public var body: [UInt8]

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
