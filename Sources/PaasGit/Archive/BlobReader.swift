import CLibgit2

/// Reads one blob's content in pieces. Callers hold the repository's lock.
///
/// libgit2 1.5 can stream an object only from a backend that implements `readstream`: the loose
/// object backend does (it inflates the object file as we read), the pack backend does not. So
/// `git_odb_open_rstream` is tried first and, when it fails (the blob is packed), the whole
/// object is read into memory with `git_odb_read` and handed out from there. Repositories made
/// by `GitRepository.createBare` keep pushes loose (`receive.unpackLimit`), so big files stream.
final class BlobReader {
    private enum Source {
        case stream(UnsafeMutablePointer<git_odb_stream>)
        case whole(OpaquePointer, UnsafeRawPointer?)
        case closed
    }

    /// The blob's size in bytes.
    let size: Int
    /// Bytes not yet read.
    private(set) var remaining: Int
    private var source: Source
    private let id: git_oid

    init(id: git_oid, in repo: OpaquePointer) throws(GitError) {
        var oid = id
        self.id = id
        var odb: OpaquePointer?
        try gitCheck(git_repository_odb(&odb, repo), "cannot read objects of the repository")
        defer { git_odb_free(odb) }

        var stream: UnsafeMutablePointer<git_odb_stream>?
        var length = 0
        var type = GIT_OBJECT_INVALID
        if git_odb_open_rstream(&stream, &length, &type, odb, &oid) == 0, let stream {
            size = length
            source = .stream(stream)
        } else {
            var object: OpaquePointer?
            try gitCheck(git_odb_read(&object, odb, &oid), "cannot read blob \(id.hex)")
            size = git_odb_object_size(object)
            source = .whole(object!, git_odb_object_data(object))
        }
        remaining = size
    }

    /// Copies up to `buffer.count` of the remaining bytes into `buffer`.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(GitError) -> Int {
        let wanted = min(buffer.count, remaining)
        guard wanted > 0 else { return 0 }
        let count: Int
        switch source {
        case .stream(let stream):
            let base = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
            let got = git_odb_stream_read(stream, base, wanted)
            try gitCheck(got, "cannot read blob \(id.hex)")
            guard got > 0 else {
                throw GitError(operation: "cannot read blob \(id.hex)", message: "object ended early")
            }
            count = Int(got)
        case .whole(_, let data):
            buffer.baseAddress!.copyMemory(from: data! + (size - remaining), byteCount: wanted)
            count = wanted
        case .closed:
            return 0
        }
        remaining -= count
        return count
    }

    /// Frees what libgit2 holds for this blob.
    func close() {
        switch source {
        case .stream(let stream): git_odb_stream_free(stream)
        case .whole(let object, _): git_odb_object_free(object)
        case .closed: break
        }
        source = .closed
    }
}
