import PaasSupport

/// The build-time config, handed to the builder as a shell file that the build command's
/// wrapper reads and deletes before the build starts. Passing it as container `Env` would
/// bake it into the committed app image (Docker merges a container's Env into its commit),
/// and passing it on the command line would put it in the image's history.
enum BuildEnvFile {
    /// The file's path inside the builder container.
    static let path = BuilderContract.workspace + "/" + name
    static let name = ".paas-build-env"

    /// The wrapper command: load and delete the env file, then exec `command`.
    static func wrap(_ command: [String]) -> [String] {
        let script = "f=\(path); if [ -f \"$f\" ]; then . \"$f\"; rm -f \"$f\"; fi; exec \"$@\""
        return ["/bin/sh", "-c", script, "paas-build"] + command
    }

    /// `export KEY='value'` lines for every key that is a shell name.
    static func contents(_ env: [String: String]) -> String {
        env.sorted { $0.key < $1.key }.filter { isShellName($0.key) }.map { key, value in
            "export \(key)='" + value.replacingOccurrences(of: "'", with: "'\\''") + "'\n"
        }.joined()
    }

    /// A tar holding just the env file, to upload into the workspace.
    static func archive(_ env: [String: String]) -> ByteSource {
        DataByteSource(SingleFileTar.make(name: name, contents: Array(contents(env).utf8), mode: 0o600))
    }

    static func isShellName(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return key.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) }
    }
}

/// A ustar archive of one small regular file (name under 100 bytes).
enum SingleFileTar {
    static func make(name: String, contents: [UInt8], mode: Int) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) {
            for (i, byte) in text.utf8.enumerated() { header[offset + i] = byte }
        }
        func octal(_ value: Int, width: Int) -> String {
            let digits = String(value, radix: 8)
            return String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
        }
        put(name, at: 0)
        put(octal(mode, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(contents.count, width: 12), at: 124)
        put(octal(0, width: 12), at: 136)
        put("        ", at: 148)
        header[156] = UInt8(ascii: "0")
        put("ustar", at: 257)
        put("00", at: 263)
        let sum = header.reduce(0) { $0 + Int($1) }
        put(octal(sum, width: 7) + "\0", at: 148)
        let padding = (512 - contents.count % 512) % 512
        return header + contents + [UInt8](repeating: 0, count: padding + 1024)
    }
}
