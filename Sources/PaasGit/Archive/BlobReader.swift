import CLibgit2

/// Reads one blob's content in pieces. Callers hold the repository's lock.
///
/// In order of preference:
/// 1. a loose object file in one of the repository's object directories (quarantine first),
///    inflated with read(2) in small pieces (`LooseObjectFile`: flat memory);
/// 2. `git_odb_open_rstream`: libgit2 1.5 can stream only from a backend with `readstream`, which
///    the loose backend has (it maps the whole compressed file) and the pack backend lacks;
/// 3. packed objects: the whole object is read into memory with `git_odb_read`.
/// Repositories made by `GitRepository.createBare` keep pushes loose (`receive.unpackLimit`), so
/// big files take the first path.
final class BlobReader {
    private enum Source {
        case looseFile(LooseObjectFile)
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

    init(id: git_oid, in repo: OpaquePointer, looseDirectories: [String]) throws(GitError) {
        var oid = id
        self.id = id
        for directory in looseDirectories {
            if let file = try LooseObjectFile(hex: id.hex, objectsDirectory: directory, expectedType: "blob") {
                size = file.size
                remaining = file.size
                source = .looseFile(file)
                return
            }
        }
        var odb: OpaquePointer?
        try gitCheck(paas_git_repository_odb(&odb, repo), "cannot read objects of the repository")
        defer { paas_git_odb_free(odb) }

        var stream: UnsafeMutablePointer<git_odb_stream>?
        var length = 0
        var type = GIT_OBJECT_INVALID
        if paas_git_odb_open_rstream(&stream, &length, &type, odb, &oid) == 0, let stream {
            size = length
            source = .stream(stream)
        } else {
            var object: OpaquePointer?
            try gitCheck(paas_git_odb_read(&object, odb, &oid), "cannot read blob \(id.hex)")
            size = paas_git_odb_object_size(object)
            source = .whole(object!, paas_git_odb_object_data(object))
        }
        remaining = size
    }

    /// Copies up to `buffer.count` of the remaining bytes into `buffer`.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(GitError) -> Int {
        let wanted = min(buffer.count, remaining)
        guard wanted > 0 else { return 0 }
        let count: Int
        switch source {
        case .looseFile(let file):
            count = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]))
            guard count > 0 else {
                throw GitError(operation: "cannot read blob \(id.hex)", message: "object ended early")
            }
        case .stream(let stream):
            let base = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
            let got = paas_git_odb_stream_read(stream, base, wanted)
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
        case .looseFile: break
        case .stream(let stream): paas_git_odb_stream_free(stream)
        case .whole(let object, _): paas_git_odb_object_free(object)
        case .closed: break
        }
        source = .closed
    }
}
