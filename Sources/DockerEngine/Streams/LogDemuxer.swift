/// Splits Docker's multiplexed stdout/stderr stream into frames: each frame is an 8-byte
/// header (stream type, 3 bytes of padding, big-endian UInt32 length) and its payload.
/// Headers and payloads may be cut anywhere by the chunks they arrive in.
struct LogDemuxer {
    private var header: [UInt8] = []
    private var payload: [UInt8] = []
    private var remaining = 0
    private var stream = LogStream.stdout

    /// Feeds a chunk; calls `frame` for every frame it completes.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ frame: (LogStream, [UInt8]) -> Void) {
        var i = chunk.startIndex
        while i < chunk.endIndex {
            if header.count < 8 {
                let take = min(8 - header.count, chunk.endIndex - i)
                header.append(contentsOf: chunk[i..<(i + take)])
                i += take
                guard header.count == 8 else { return }
                stream = header[0] == 2 ? .stderr : .stdout
                remaining = header[4...7].reduce(0) { $0 << 8 | Int($1) }
                payload.removeAll(keepingCapacity: true)
            }
            let take = min(remaining, chunk.endIndex - i)
            payload.append(contentsOf: chunk[i..<(i + take)])
            i += take
            remaining -= take
            if remaining == 0 {
                if !payload.isEmpty { frame(stream, payload) }
                header.removeAll(keepingCapacity: true)
            }
        }
    }
}
