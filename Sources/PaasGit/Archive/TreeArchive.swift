import CLibgit2
import Foundation
import PaasSupport

/// A tar stream of a git tree, walked depth-first as the consumer reads.
///
/// Memory stays flat whatever the file sizes: only the entries of the trees on the current path
/// are held, and file contents go from libgit2 straight into the caller's buffer.
final class TreeArchive: ByteSource {
    /// The mtime of every member: fixed (2001-09-09) so equal trees give equal archives, which
    /// keeps Docker's build cache warm.
    static let mtime = 1_000_000_000

    /// One tree entry, copied out of libgit2 so that the tree can be freed at once.
    struct Entry {
        var name: [UInt8]
        var id: git_oid
        var mode: git_filemode_t
    }

    private struct Frame {
        var prefix: [UInt8]
        var entries: [Entry]
        var next = 0
    }

    private let repository: GitRepository
    private var stack: [Frame]
    /// Header or padding bytes waiting to be handed out.
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    /// The content of the file member being written, if any.
    private var body: BlobReader?
    private var finished = false

    init(repository: GitRepository, rootEntries: [Entry]) {
        self.repository = repository
        self.stack = [Frame(prefix: [], entries: rootEntries)]
    }

    deinit {
        if let body { repository.withHandle { _ in body.close() } }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try repository.withHandle { (repo) throws(GitError) in
            var written = 0
            while written < buffer.count {
                if pendingOffset < pending.count {
                    let count = min(buffer.count - written, pending.count - pendingOffset)
                    pending.withUnsafeBytes { bytes in
                        (buffer.baseAddress! + written).copyMemory(
                            from: bytes.baseAddress! + pendingOffset, byteCount: count)
                    }
                    pendingOffset += count
                    written += count
                } else if let reader = body {
                    written += try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[written...]))
                    if reader.remaining == 0 {
                        reader.close()
                        body = nil
                        setPending(TarHeader.padding(after: reader.size))
                    }
                } else if finished {
                    break
                } else {
                    try advance(repo)
                }
            }
            return written
        }
    }

    // MARK: - Walking

    /// Moves to the next tree entry and queues its header (and content); queues the end of the
    /// archive after the last one.
    private func advance(_ repo: OpaquePointer) throws(GitError) {
        while let top = stack.last, top.next >= top.entries.count { stack.removeLast() }
        guard !stack.isEmpty else {
            setPending(TarHeader.endOfArchive)
            finished = true
            return
        }
        let entry = stack[stack.count - 1].entries[stack[stack.count - 1].next]
        stack[stack.count - 1].next += 1
        let path = stack[stack.count - 1].prefix + entry.name
        var id = entry.id

        switch entry.mode {
        case GIT_FILEMODE_TREE:
            let children = try Self.entries(of: id, in: repo)
            setPending(member(path + [0x2F], .directory, mode: 0o755, size: 0))
            stack.append(Frame(prefix: path + [0x2F], entries: children))
        case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE:
            let reader = try BlobReader(id: id, in: repo, looseDirectories: repository.looseObjectDirectories)
            let mode = entry.mode == GIT_FILEMODE_BLOB_EXECUTABLE ? 0o755 : 0o644
            setPending(member(path, .file, mode: mode, size: reader.size))
            if reader.size > 0 { body = reader } else { reader.close() }
        case GIT_FILEMODE_LINK:
            let target = try GitRepository.blobBytes(&id, in: repo)
            setPending(member(path, .symlink, mode: 0o777, size: 0, linkTarget: target))
        default:
            break  // submodules (gitlinks) have no content here
        }
    }

    private func member(
        _ path: [UInt8], _ kind: TarHeader.Kind, mode: Int, size: Int, linkTarget: [UInt8] = []
    ) -> [UInt8] {
        TarHeader.member(
            path: path, kind: kind, mode: mode, size: size, linkTarget: linkTarget, mtime: Self.mtime)
    }

    private func setPending(_ bytes: [UInt8]) {
        pending = bytes
        pendingOffset = 0
    }

    /// The entries of tree `id`, copied out before the tree is freed.
    static func entries(of id: git_oid, in repo: OpaquePointer) throws(GitError) -> [Entry] {
        var oid = id
        var tree: OpaquePointer?
        try gitCheck(paas_git_tree_lookup(&tree, repo, &oid), "cannot read tree \(id.hex)")
        defer { paas_git_tree_free(tree) }
        return (0..<paas_git_tree_entrycount(tree)).map { index in
            let entry = paas_git_tree_entry_byindex(tree, index)
            let name = paas_git_tree_entry_name(entry)!
            return Entry(
                name: Array(UnsafeRawBufferPointer(start: name, count: strlen(name))),
                id: paas_git_tree_entry_id(entry)!.pointee,
                mode: paas_git_tree_entry_filemode(entry))
        }
    }
}
