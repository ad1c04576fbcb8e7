/// Cuts a byte stream that arrives in arbitrary chunks into lines (without "\n" or "\r\n"),
/// as Docker's JSON message streams need: a message may be split across chunks. A line over
/// `maxLine` bytes is handed over in pieces rather than held whole.
struct LineSplitter {
    /// The most bytes held for one line.
    static let maxLine = 1 << 20
    private var pending: [UInt8] = []

    /// Feeds a chunk; calls `line` for every line it completes, skipping empty ones.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ line: ([UInt8]) -> Void) {
        var start = chunk.startIndex
        for i in chunk.indices where chunk[i] == UInt8(ascii: "\n") {
            pending.append(contentsOf: chunk[start..<i])
            emit(line)
            start = i + 1
        }
        pending.append(contentsOf: chunk[start..<chunk.endIndex])
        while pending.count > Self.maxLine {
            line(Array(pending.prefix(Self.maxLine)))
            pending.removeFirst(Self.maxLine)
        }
    }

    /// Hands over what is left after the stream ended without a final newline.
    mutating func finish(_ line: ([UInt8]) -> Void) { emit(line) }

    private mutating func emit(_ line: ([UInt8]) -> Void) {
        if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
        if !pending.isEmpty { line(pending) }
        pending.removeAll(keepingCapacity: true)
    }
}
