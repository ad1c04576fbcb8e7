import Foundation

/// An ed25519 key pair without a passphrase, made with `ssh-keygen` for a test.
public struct SSHKey: Sendable, Hashable {
    /// The private key file (mode 0600), for `ssh -i`.
    public let privateKeyPath: String
    /// The public key line: `ssh-ed25519 AAAA... comment`.
    public let publicKey: String

    /// Generates a new pair as `directory/name` and `directory/name.pub`.
    public static func generate(in directory: String, name: String) throws -> SSHKey {
        let path = directory + "/" + name
        try Run.checked("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path])
        let publicKey = try String(contentsOfFile: path + ".pub", encoding: .utf8)
        return SSHKey(privateKeyPath: path, publicKey: publicKey.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The key's SHA256 fingerprint as `ssh-keygen -l` prints it (`SHA256:...`).
    public func fingerprint() throws -> String {
        let line = try Run.checked("ssh-keygen", ["-l", "-E", "sha256", "-f", privateKeyPath + ".pub"]).stdoutText
        let fields = line.split(separator: " ")
        guard fields.count >= 2 else { throw TestSupportError("ssh-keygen -l printed no fingerprint: \(line)") }
        return String(fields[1])
    }
}
