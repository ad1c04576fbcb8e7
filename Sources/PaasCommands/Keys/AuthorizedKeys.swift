import Foundation
import PaasStore
import PaasSupport

/// Writes the paas user's authorized_keys: every key gets the forced command `paas ssh-entry
/// NAME` and no pty, forwarding or rc, so a key can only ever run paas.
enum AuthorizedKeys {
    static func write(keys: [SSHKey], root: StateRoot) throws {
        var command = ShellWords.quote(Executable.directory + "/paas") + " ssh-entry "
        if root != StateRoot.fromEnvironment([:]) {
            command = "PAAS_ROOT=" + ShellWords.quote(root.path) + " exec " + command
        } else {
            command = "exec " + command
        }
        var text = "# Written by paas (ssh-keys:add / ssh-keys:remove); edits here are overwritten.\n"
        for key in keys.sorted(by: { $0.name < $1.name }) {
            let forced = (command + ShellWords.quote(key.name))
                .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            text += "command=\"\(forced)\",no-pty,no-port-forwarding,no-agent-forwarding,no-X11-forwarding,no-user-rc \(key.publicKey)\n"
        }
        let dir = (root.authorizedKeys as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try AtomicFile.write(text, to: root.authorizedKeys, mode: 0o600)
    }
}
