import CLibgit2
import Foundation

/// Reads a loose object's content straight from its file, inflating it in small pieces.
///
/// Why not only `git_odb_open_rstream`: in libgit2 1.5 the loose backend's stream maps the whole
/// compressed file into memory, and the mapped pages it touches count in the process's resident
/// size — measured: archiving a 50 MB incompressible file grew peak RSS by about 48 MB. Reading
/// with read(2) through zlib keeps it to two 64 KB buffers. The content's SHA-1 is not checked
/// here (libgit2's stream would); git-receive-pack has already indexed the object it wrote.
final class LooseObjectFile {
    /// The object's content size, from its header.
    let size: Int
    private let path: String
    private let descriptor: Int32
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    /// Content bytes inflated together with the header.
    private var leftover: [UInt8] = []
    private var ended = false

    /// Opens the loose object `hex` in `objectsDirectory`; nil if it is not there.
    init?(hex: String, objectsDirectory: String, expectedType: String) throws(GitError) {
        path = objectsDirectory + "/" + hex.prefix(2) + "/" + hex.dropFirst(2)
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: 64 * 1024, alignment: 1)
        guard paas_inflate_init(stream) == Z_OK else {
            Self.release(descriptor, stream, input, inflating: false)
            throw GitError(operation: "cannot read \(path)", message: "zlib could not start")
        }
        do throws(GitError) {
            let (type, size, rest, ended) = try Self.readHeader(
                stream: stream, input: input, descriptor: descriptor, path: path)
            guard type == expectedType else {
                throw GitError(operation: "cannot read \(path)", message: "it is a \(type), not a \(expectedType)")
            }
            self.size = size
            self.leftover = rest
            self.ended = ended
        } catch {
            Self.release(descriptor, stream, input, inflating: true)
            throw error
        }
    }

    deinit {
        Self.release(descriptor, stream, input, inflating: true)
    }

    /// Inflates up to `buffer.count` content bytes into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(GitError) -> Int {
        guard buffer.count > 0 else { return 0 }
        if !leftover.isEmpty {
            let count = min(buffer.count, leftover.count)
            leftover.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
            leftover.removeFirst(count)
            return count
        }
        guard !ended else { return 0 }
        stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(min(buffer.count, Int(UInt32.max)))
        while stream.pointee.avail_out == uInt(min(buffer.count, Int(UInt32.max))) {
            try inflateStep()
            if ended { break }
        }
        return min(buffer.count, Int(UInt32.max)) - Int(stream.pointee.avail_out)
    }

    // MARK: - Private

    private func inflateStep() throws(GitError) {
        if stream.pointee.avail_in == 0 {
            let got = Foundation.read(descriptor, input.baseAddress!, input.count)
            guard got > 0 else {
                throw GitError(operation: "cannot read \(path)", message: "the object file ends early")
            }
            stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_in = uInt(got)
        }
        switch inflate(stream, Z_NO_FLUSH) {
        case Z_STREAM_END: ended = true
        case Z_OK, Z_BUF_ERROR: break
        default: throw GitError(operation: "cannot read \(path)", message: "the object file is corrupt")
        }
    }

    /// Inflates until the "<type> <size>\0" header is complete.
    private static func readHeader(
        stream: UnsafeMutablePointer<z_stream>, input: UnsafeMutableRawBufferPointer,
        descriptor: Int32, path: String
    ) throws(GitError) -> (type: String, size: Int, rest: [UInt8], ended: Bool) {
        var head = [UInt8](repeating: 0, count: 64)
        var produced = 0
        var ended = false
        let corrupt = GitError(operation: "cannot read \(path)", message: "the object header is corrupt")
        while !head[0..<produced].contains(0) {
            guard produced < head.count else { throw corrupt }
            if stream.pointee.avail_in == 0 {
                let got = Foundation.read(descriptor, input.baseAddress!, input.count)
                guard got > 0 else { throw corrupt }
                stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_in = uInt(got)
            }
            let status = head.withUnsafeMutableBytes { bytes -> Int32 in
                stream.pointee.next_out = bytes.baseAddress!.assumingMemoryBound(to: Bytef.self) + produced
                stream.pointee.avail_out = uInt(bytes.count - produced)
                return inflate(stream, Z_NO_FLUSH)
            }
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw corrupt }
            produced = head.count - Int(stream.pointee.avail_out)
            ended = status == Z_STREAM_END
            if ended && !head[0..<produced].contains(0) { throw corrupt }
        }
        let nul = head[0..<produced].firstIndex(of: 0)!
        let words = String(decoding: head[0..<nul], as: UTF8.self).split(separator: " ")
        guard words.count == 2, let size = Int(words[1]), size >= 0 else { throw corrupt }
        return (String(words[0]), size, Array(head[(nul + 1)..<produced]), ended)
    }

    private static func release(
        _ descriptor: Int32, _ stream: UnsafeMutablePointer<z_stream>,
        _ input: UnsafeMutableRawBufferPointer, inflating: Bool
    ) {
        if inflating { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
        close(descriptor)
    }
}
