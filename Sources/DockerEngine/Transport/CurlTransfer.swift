import CCurl
import PaasSupport

/// The state of one transfer, reached from libcurl's C callbacks through `Unmanaged`.
final class CurlTransfer {
    let handle: CurlHandle
    let onChunk: ((UnsafeRawBufferPointer) -> Void)?
    let source: ByteSource?
    let cancellation: Cancellation?
    var body: [UInt8] = []
    /// Header lines of the responses received, when `collectHeaders` installed the collector.
    var headerLines: [String] = []
    var readError: (any Error)?
    var cancelledReason: String?

    init(
        handle: CurlHandle, onChunk: ((UnsafeRawBufferPointer) -> Void)?, source: ByteSource?,
        cancellation: Cancellation?
    ) {
        self.handle = handle
        self.onChunk = onChunk
        self.source = source
        self.cancellation = cancellation
    }

    func receive(_ bytes: UnsafeRawBufferPointer) {
        if let onChunk, handle.responseCode < 400 {
            onChunk(bytes)
        } else {
            body.append(contentsOf: bytes)
        }
    }

    func send(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        guard let source else { return 0 }
        do {
            return try source.read(into: buffer)
        } catch {
            readError = error
            return nil
        }
    }

    /// True when the transfer should stop.
    func shouldAbort() -> Bool {
        guard let reason = cancellation?.reason else { return false }
        cancelledReason = reason
        return true
    }

    /// Installs the callbacks, with this transfer as their context.
    func install(context: UnsafeMutableRawPointer) {
        let raw = handle.raw
        _ = paas_curl_setopt_data_callback(raw, CURLOPT_WRITEFUNCTION, curlWrite)
        _ = paas_curl_setopt_pointer(raw, CURLOPT_WRITEDATA, context)
        _ = paas_curl_setopt_data_callback(raw, CURLOPT_READFUNCTION, curlRead)
        _ = paas_curl_setopt_pointer(raw, CURLOPT_READDATA, context)
        _ = paas_curl_setopt_xferinfo_callback(raw, curlProgress)
        _ = paas_curl_setopt_pointer(raw, CURLOPT_XFERINFODATA, context)
        _ = paas_curl_setopt_long(raw, CURLOPT_NOPROGRESS, 0)
    }

    /// Also keeps the response's header lines in `headerLines` (after `install`).
    func collectHeaders(context: UnsafeMutableRawPointer) {
        _ = paas_curl_setopt_data_callback(handle.raw, CURLOPT_HEADERFUNCTION, curlHeader)
        _ = paas_curl_setopt_pointer(handle.raw, CURLOPT_HEADERDATA, context)
    }
}

// MARK: - C callbacks (no captures: the context pointer carries the transfer)

private func transfer(_ context: UnsafeMutableRawPointer?) -> CurlTransfer {
    Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
}

private let curlWrite: paas_curl_data_callback = { buffer, size, count, context in
    let length = size * count
    transfer(context).receive(UnsafeRawBufferPointer(start: buffer, count: length))
    return length
}

private let curlHeader: paas_curl_data_callback = { buffer, size, count, context in
    let length = size * count
    let line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: length), as: UTF8.self)
    transfer(context).headerLines.append(line.trimmingCharacters(in: .whitespacesAndNewlines))
    return length
}

private let curlRead: paas_curl_data_callback = { buffer, size, count, context in
    let room = UnsafeMutableRawBufferPointer(start: buffer, count: size * count)
    return transfer(context).send(into: room) ?? paas_curl_readfunc_abort()
}

private let curlProgress: paas_curl_xferinfo_callback = { context, _, _, _, _ in
    transfer(context).shouldAbort() ? 1 : 0
}
