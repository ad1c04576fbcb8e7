import Foundation
import PaasSupport

/// An OpenSSH public key line, checked and fingerprinted by ssh-keygen itself.
struct PublicKey {
    /// `type base64` without the comment or options.
    let line: String
    let fingerprint: String

    static func parse(_ text: String, runner: ProcessRunner) throws -> PublicKey {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard lines.count == 1 else {
            throw KeyError.invalid(lines.isEmpty ? "no key given" : "\(lines.count) lines given, one key expected")
        }
        let parts = lines[0].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let types = ["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
            "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com"]
        guard parts.count >= 2, types.contains(parts[0]), Data(base64Encoded: parts[1]) != nil else {
            throw KeyError.invalid("not an OpenSSH public key line ('ssh-ed25519 AAAA... comment' expected)")
        }
        let line = parts[0] + " " + parts[1]
        let result = try runner.run(
            ProcessSpec(
                executable: "/usr/bin/ssh-keygen", arguments: ["-l", "-E", "sha256", "-f", "/dev/stdin"],
                stdin: .bytes(Array((line + "\n").utf8)), stdout: .capture(limit: 4096), stderr: .capture(limit: 4096),
                timeout: .seconds(10)))
        let fields = result.stdoutText.split(separator: " ")
        guard result.succeeded, fields.count >= 2 else { throw KeyError.invalid("ssh-keygen does not accept it") }
        return PublicKey(line: line, fingerprint: String(fields[1]))
    }
}

enum KeyError: Error, CustomStringConvertible {
    case invalid(String)
    case badName(String)
    case fileOverSSH
    case tooLarge(limit: Int)
    case notInstalled(String)
    var description: String {
        switch self {
        case .invalid(let why): return "invalid public key: \(why)"
        case .badName(let name):
            return "invalid key name '\(AccessDenied.printable(name))': use letters, digits, '.', '_', '@' and '-', "
                + "starting with a letter or digit, at most 64"
        case .fileOverSSH:
            return "ssh-keys:add reads FILE only as root on the host; over ssh, send the key on stdin"
        case .tooLarge(let limit):
            return "the key on stdin is over \(limit / 1024) KiB; a public key is one line of a few hundred bytes"
        case .notInstalled(let path):
            return "the forced command would run \(path), which is not an executable; install paas there "
                + "(scripts/install.sh) or set paasBinary in settings.json"
        }
    }
}
