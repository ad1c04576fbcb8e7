import Foundation
import PaasDeploy
import PaasGit
import PaasSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The `paas` executable: `paas ssh-entry KEY` as sshd's forced command, else a command run
/// directly on the host (`paas apps:list`).
public enum PaasMain {
    public static func main(_ arguments: [String]) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let root = StateRoot.fromEnvironment(environment)
        let words = Array(arguments.dropFirst())
        // The upgrade's helper stays root: it installs into the host's binary folder.
        if words.first != "upgrade:run", let error = Privileges.dropToStateRootOwner(root: root) {
            Terminal.err.line("paas: \(error)")
            return 1
        }
        // Over ssh, a dropped session must stop what the command does (a `run`, a `logs -t`).
        SignalWatcher.install(watchParent: words.first == "ssh-entry")
        if words.first != "upgrade:run" {
            do {
                try UpgradeGuard.recover(root: root, err: Terminal.err)
            } catch {
                Terminal.err.line("paas: \(error)")
                return 1
            }
        }
        if words.first == "ssh-entry" {
            guard words.count == 2 else {
                Terminal.err.line("paas: ssh-entry takes the key name (it is the forced command in authorized_keys)")
                return 2
            }
            return SSHEntry.run(keyName: words[1], environment: environment)
        }
        let ctx = CommandContext(root: root, user: environment["PAAS_USER"] ?? CommandContext.localUser())
        return Dispatcher.run(words, ctx: ctx)
    }
}

/// The `paas-pre-receive` executable, run by git inside an app's bare repository.
public enum PreReceiveMain {
    public static func main() -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        SignalWatcher.install(watchParent: true)
        let root = StateRoot.fromEnvironment(environment)
        let cwd = FileManager.default.currentDirectoryPath
        var app = environment["PAAS_APP"] ?? ""
        if app.isEmpty {
            let base = (cwd as NSString).lastPathComponent
            app = base.hasSuffix(".git") ? String(base.dropLast(4)) : base
        }
        if CommandLine.arguments.dropFirst().first == "--version" {
            Terminal.out.line("paas-pre-receive \(PaasVersion.current)")
            return 0
        }
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        do {
            let platform = try Platform.open(
                root: root, user: environment["PAAS_USER"] ?? CommandContext.localUser(), reservedCommands: CommandTable.names)
            // A shared repository: named by the ssh entry, or (a push on the host straight to
            // the repository's path) by the directory, as apps are.
            var repo = environment["PAAS_REPO"].flatMap { $0.isEmpty ? nil : $0 }
            if repo == nil, try platform.store.repo(app) != nil { repo = app }
            if let repo {
                return SharedPreReceive(platform: platform, repo: repo).run(
                    updates: PreReceive.parse(input), environment: environment
                ) { try GitRepository.open(at: cwd) }
            }
            return PreReceive(platform: platform, app: app).run(updates: PreReceive.parse(input)) {
                try GitRepository.open(at: cwd)
            }
        } catch {
            Terminal.err.line(" !     \(error)")
            return 1
        }
    }
}

/// Running as root on the host, paas acts as the owner of the state root (the `paas` user), so
/// files it makes stay usable by pushes that come in over ssh.
enum Privileges {
    static func dropToStateRootOwner(root: StateRoot) -> String? {
        guard getuid() == 0 else { return nil }
        var info = stat()
        guard stat(root.path, &info) == 0, info.st_uid != 0 else { return nil }
        guard let pw = getpwuid(info.st_uid) else { return nil }
        if initgroups(pw.pointee.pw_name, pw.pointee.pw_gid) != 0 || setgid(pw.pointee.pw_gid) != 0
            || setuid(info.st_uid) != 0
        {
            return "cannot switch to the user owning \(root.path): \(String(cString: strerror(errno)))"
        }
        setenv("HOME", pw.pointee.pw_dir, 1)
        return nil
    }
}
