/// Cuts a container's output, which arrives in arbitrary chunks, into lines for the pusher,
/// keeping stdout and stderr apart so their partial lines never mix. A line longer than
/// `maxLine` bytes is handed over in pieces, so output without newlines never piles up.
struct OutputLines {
    /// The most bytes held for one line.
    static let maxLine = 16 << 10
    private var pending: [LogStreamKey: [UInt8]] = [:]
    private let emit: (String) -> Void

    enum LogStreamKey: Hashable { case out, err }

    /// Calls `emit` with every complete line (without its newline).
    init(emit: @escaping (String) -> Void) { self.emit = emit }

    /// Feeds a chunk of one stream.
    mutating func feed(_ bytes: [UInt8], stderr: Bool) {
        let key: LogStreamKey = stderr ? .err : .out
        var buffer = pending[key] ?? []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                flush(&buffer)
            } else {
                buffer.append(byte)
                if buffer.count >= Self.maxLine { flush(&buffer) }
            }
        }
        pending[key] = buffer
    }

    /// Hands over what is left once the output has ended.
    mutating func finish() {
        for key in [LogStreamKey.out, .err] {
            var buffer = pending[key] ?? []
            if !buffer.isEmpty { flush(&buffer) }
        }
        pending = [:]
    }

    private func flush(_ buffer: inout [UInt8]) {
        if buffer.last == UInt8(ascii: "\r") { buffer.removeLast() }
        emit(String(decoding: buffer, as: UTF8.self))
        buffer.removeAll(keepingCapacity: true)
    }
}
