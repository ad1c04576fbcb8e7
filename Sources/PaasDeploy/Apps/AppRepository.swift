import Foundation
import PaasGit
import PaasStore
import PaasSupport

/// An app's bare git repository under the state root, with paas's pre-receive hook installed.
public enum AppRepository {
    /// The hook installed into every app repository; the same text as `hooks/pre-receive`.
    public static let hook = """
        #!/bin/sh
        # Installed by paas into every app's bare repository. git runs it with the pushed
        # "old new ref" lines on stdin; paas-pre-receive builds and deploys the deploy branch.
        exec "${PAAS_BIN_DIR:-/usr/local/bin}/paas-pre-receive" "$@"

        """

    /// Makes the repository of `app` if it does not exist, and (re)installs the hook.
    public static func ensure(root: StateRoot, app: String) throws {
        let path = root.repo(app)
        if !FileManager.default.fileExists(atPath: path + "/HEAD") {
            try FileManager.default.createDirectory(atPath: root.repos, withIntermediateDirectories: true)
            _ = try GitRepository.createBare(at: path)
        }
        let hookPath = path + "/hooks/pre-receive"
        if FileManager.default.contents(atPath: hookPath) != Data(hook.utf8) {
            try FileManager.default.createDirectory(atPath: path + "/hooks", withIntermediateDirectories: true)
            try AtomicFile.write(hook, to: hookPath, mode: 0o755)
        }
    }

    /// The environment that makes git enforce `app`'s push limits: `receive.maxInputSize` is
    /// `git.max-input-size`, so git itself refuses a bigger pack before storing it.
    public static func receiveEnvironment(app: String, store: Store) throws -> [String: String] {
        let most = try AppSettings.value(Settings.gitMaxInputSize, app: app, store: store)
        return ["GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "receive.maxInputSize", "GIT_CONFIG_VALUE_0": String(most)]
    }

    /// Where `app`'s source is stored: the shared repository it is linked to, else its own.
    public static func path(app: String, platform: Platform) throws -> String {
        let name = try platform.store.link(app: app)?.repo ?? app
        return platform.root.repo(name)
    }

    /// Removes the repository of `app`.
    public static func remove(root: StateRoot, app: String) throws {
        let path = root.repo(app)
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
    }
}
