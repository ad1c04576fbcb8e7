/// What `certs:add` reads from stdin: PEM text holding a certificate (with its chain) and a
/// private key, or a tar holding `server.crt` and `server.key` (as Dokku takes them).
enum CertificateInput {
    /// The certificate PEM blocks and the key PEM block found in `bytes`.
    /// - Throws: `CertificateError.input` saying what is missing.
    static func split(_ bytes: [UInt8]) throws -> (certificate: String, key: String) {
        let text: String
        if let files = TarReader.files(bytes) {
            guard let crt = files["server.crt"], let key = files["server.key"] else {
                throw CertificateError.input(
                    "the tar holds \(files.keys.sorted().joined(separator: ", ")); expected server.crt and server.key")
            }
            text = String(decoding: crt, as: UTF8.self) + "\n" + String(decoding: key, as: UTF8.self)
        } else {
            text = String(decoding: bytes, as: UTF8.self)
        }
        let blocks = pemBlocks(text)
        let certificates = blocks.filter { $0.label == "CERTIFICATE" }
        let keys = blocks.filter { $0.label.hasSuffix("PRIVATE KEY") }
        if blocks.isEmpty {
            throw CertificateError.input(
                "no PEM found on stdin: expected a certificate and its private key in PEM, or a tar of server.crt and server.key")
        }
        if keys.contains(where: { $0.label == "ENCRYPTED PRIVATE KEY" }) {
            throw CertificateError.input("the private key is encrypted: give it without a passphrase (openssl pkey -in KEY)")
        }
        guard !certificates.isEmpty else { throw CertificateError.input("found a private key but no certificate: give both") }
        guard keys.count == 1 else {
            throw CertificateError.input(
                keys.isEmpty ? "found a certificate but no private key: give both" : "found \(keys.count) private keys: give one")
        }
        return (certificates.map(\.text).joined(separator: "\n") + "\n", keys[0].text + "\n")
    }

    /// The `-----BEGIN X-----` ... `-----END X-----` blocks of `text`, in order.
    static func pemBlocks(_ text: String) -> [(label: String, text: String)] {
        var blocks: [(String, String)] = []
        var current: (label: String, lines: [String])?
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("-----BEGIN "), line.hasSuffix("-----") {
                current = (String(line.dropFirst(11).dropLast(5)), [line])
            } else if let open = current {
                current?.lines.append(line)
                if line == "-----END \(open.label)-----" {
                    blocks.append((open.label, (current?.lines ?? []).joined(separator: "\n")))
                    current = nil
                }
            }
        }
        return blocks
    }
}

/// Reads the regular files of a small ustar/GNU tar (names without their folders).
enum TarReader {
    /// Name → contents, or nil when `bytes` is not a tar.
    static func files(_ bytes: [UInt8]) -> [String: [UInt8]]? {
        guard bytes.count >= 512, Array(bytes[257..<262]) == Array("ustar".utf8) else { return nil }
        var files: [String: [UInt8]] = [:]
        var offset = 0
        while offset + 512 <= bytes.count {
            let header = bytes[offset..<offset + 512]
            if header.allSatisfy({ $0 == 0 }) { break }
            let name = field(header, 0, 100)
            let sizeText = field(header, 124, 12).trimmingCharacters(in: .whitespaces)
            guard let size = Int(sizeText.isEmpty ? "0" : sizeText, radix: 8) else { return nil }
            let type = bytes[offset + 156]
            let start = offset + 512
            guard start + size <= bytes.count else { return nil }
            if type == UInt8(ascii: "0") || type == 0 {
                let base = name.split(separator: "/").last.map(String.init) ?? name
                files[base] = Array(bytes[start..<start + size])
            }
            offset = start + (size + 511) / 512 * 512
        }
        return files
    }

    private static func field(_ header: ArraySlice<UInt8>, _ at: Int, _ length: Int) -> String {
        let start = header.startIndex + at
        let slice = header[start..<start + length]
        return String(decoding: slice.prefix { $0 != 0 }, as: UTF8.self)
    }
}
