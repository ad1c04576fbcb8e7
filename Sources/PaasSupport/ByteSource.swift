/// A pull-based stream of bytes: the shape shared by a tar archive streamed out of git and a
/// request body streamed into the Docker Engine, so that neither side holds the whole thing.
public protocol ByteSource: AnyObject {
    /// Fills the start of `buffer` and returns how many bytes were written; 0 means the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A `ByteSource` over bytes already in memory (small bodies, tests).
public final class DataByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    /// Creates a source that yields `bytes` once.
    public init<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        self.bytes = Array(bytes)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

extension ByteSource {
    /// Reads the whole source into memory. For tests and small bodies only.
    public func readAll() throws -> [UInt8] {
        var result: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let n = try read(into: chunk)
            if n == 0 { return result }
            result.append(contentsOf: chunk[0..<n])
        }
    }
}
