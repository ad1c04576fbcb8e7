/// Builds POSIX ustar header blocks, preceded by a pax extended header when a path, a link
/// target or a size does not fit the ustar fields.
enum TarHeader {
    static let blockSize = 512

    enum Kind: UInt8 {
        case file = 48  // "0"
        case symlink = 50  // "2"
        case directory = 53  // "5"
        case paxExtended = 120  // "x"
    }

    /// Largest size the 11 octal digits of the ustar size field can hold.
    private static let maxOctalSize = 0o77777777777

    /// The header block(s) for one archive member. `path` is raw bytes, exactly as git stores the
    /// name (directories end with "/").
    static func member(
        path: [UInt8], kind: Kind, mode: Int, size: Int, linkTarget: [UInt8] = [], mtime: Int
    ) -> [UInt8] {
        var records: [UInt8] = []
        if path.count > 100 { records += paxRecord("path", path) }
        if linkTarget.count > 100 { records += paxRecord("linkpath", linkTarget) }
        if size > maxOctalSize { records += paxRecord("size", Array(String(size).utf8)) }

        var blocks: [UInt8] = []
        if !records.isEmpty {
            let name = Array("PaxHeaders/".utf8) + path.suffix(80)
            blocks += block(
                name: name, kind: .paxExtended, mode: 0o644, size: records.count, linkTarget: [],
                mtime: mtime)
            blocks += records
            blocks += padding(after: records.count)
        }
        blocks += block(
            name: path, kind: kind, mode: mode, size: min(size, maxOctalSize),
            linkTarget: linkTarget, mtime: mtime)
        return blocks
    }

    /// Zero bytes that complete a member of `size` bytes to a whole block.
    static func padding(after size: Int) -> [UInt8] {
        let rest = size % blockSize
        return rest == 0 ? [] : [UInt8](repeating: 0, count: blockSize - rest)
    }

    /// The two zero blocks that end an archive.
    static let endOfArchive = [UInt8](repeating: 0, count: 2 * blockSize)

    // MARK: - Private

    /// One pax record, "<length> <key>=<value>\n", where length counts the whole record.
    private static func paxRecord(_ key: String, _ value: [UInt8]) -> [UInt8] {
        let body = Array(" \(key)=".utf8) + value + [0x0A]
        var length = body.count + 1
        while String(length).utf8.count + body.count != length {
            length = String(length).utf8.count + body.count
        }
        return Array(String(length).utf8) + body
    }

    private static func block(
        name: [UInt8], kind: Kind, mode: Int, size: Int, linkTarget: [UInt8], mtime: Int
    ) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: blockSize)
        func put(_ bytes: [UInt8], at offset: Int, width: Int) {
            for (index, byte) in bytes.prefix(width).enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8)
        }
        put(name, at: 0, width: 100)
        put(octal(mode, width: 8), at: 100, width: 7)
        put(octal(0, width: 8), at: 108, width: 7)  // uid
        put(octal(0, width: 8), at: 116, width: 7)  // gid
        put(octal(size, width: 12), at: 124, width: 11)
        put(octal(mtime, width: 12), at: 136, width: 11)
        put([UInt8](repeating: 0x20, count: 8), at: 148, width: 8)  // checksum counts as spaces
        header[156] = kind.rawValue
        put(linkTarget, at: 157, width: 100)
        put(Array("ustar\u{0}00".utf8), at: 257, width: 8)
        put(Array("root".utf8), at: 265, width: 32)
        put(Array("root".utf8), at: 297, width: 32)
        let checksum = header.reduce(0) { $0 + Int($1) }
        put(octal(checksum, width: 7) + [0, 0x20], at: 148, width: 8)
        return header
    }
}
