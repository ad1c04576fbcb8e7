import Foundation
import PaasDeploy
import PaasStore
import PaasSupport

/// Writes the paas user's authorized_keys: every key gets the forced command `paas ssh-entry
/// NAME` and no pty, forwarding or rc, so a key can only ever run paas.
///
/// The forced command runs the installed paas (`paasBinary` in settings.json, by default
/// /usr/local/bin/paas), never the binary that happened to run `ssh-keys:add`: a build folder
/// may be changed or removed, and whoever can write there would own every key.
enum AuthorizedKeys {
    /// Throws unless the installed paas is there to be the forced command.
    static func checkInstalled(root: StateRoot) throws {
        let binary = try InstallSettings.load(from: root).paasBinary
        guard binary.hasPrefix("/"), FileManager.default.isExecutableFile(atPath: binary) else {
            throw KeyError.notInstalled(binary)
        }
    }

    static func write(keys: [SSHKey], root: StateRoot) throws {
        var command = ShellWords.quote(try InstallSettings.load(from: root).paasBinary) + " ssh-entry "
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
