import AppSpec
import Foundation
import PaasDeploy
import PaasStore
import PaasSupport

/// The forced command of every key in authorized_keys: `paas ssh-entry KEYNAME`.
///
/// Reads what the client asked for from `SSH_ORIGINAL_COMMAND`. `git-receive-pack 'app'` hands
/// over to git (making the app and its repository on first push; for a shared repository's name,
/// its hook deploys the linked apps); anything else is a paas command. There is never a shell.
public enum SSHEntry {
    /// Runs the session of key `keyName`; returns the exit status (or never returns, when git takes over).
    public static func run(keyName: String, environment: [String: String]) -> Int32 {
        let ctx = CommandContext(root: .fromEnvironment(environment), user: keyName, viaSSH: true)
        guard let line = environment["SSH_ORIGINAL_COMMAND"], !line.trimmingCharacters(in: .whitespaces).isEmpty else {
            ctx.err.line("paas: this account runs paas commands only; there is no shell. Try: ssh <this host> help")
            return 1
        }
        let words: [String]
        do {
            words = try ShellWords.split(line)
        } catch {
            ctx.err.line("paas: \(error)")
            return 2
        }
        guard let first = words.first else { return Dispatcher.run(["help"], ctx: ctx) }
        if first == "git-receive-pack" || first == "git-upload-pack" {
            return git(first, words: words, ctx: ctx, environment: environment)
        }
        return Dispatcher.run(words, ctx: ctx)
    }

    /// The app named by a git path: `'myapp'`, `'/myapp'`, `'myapp.git'`.
    public static func appName(fromGitPath path: String) throws -> String {
        var name = path
        while name.hasPrefix("/") { name.removeFirst() }
        if name.hasPrefix("~/") { name.removeFirst(2) }
        if name.hasSuffix(".git") { name.removeLast(4) }
        if name.hasSuffix("/") { name.removeLast() }
        return try AppName.validate(name)
    }

    private static func git(_ program: String, words: [String], ctx: CommandContext, environment: [String: String]) -> Int32 {
        guard words.count == 2 else {
            ctx.err.line("paas: \(program) takes one repository path, like 'myapp'")
            return 2
        }
        do {
            let app = try appName(fromGitPath: words[1])
            let platform = try ctx.platform
            let store = try platform.store
            var env = environment
            // A shared repository's hook deploys its linked apps (docs/repos.md).
            let shared = try store.repo(app) != nil
            // A push is a deploy; so is a fetch, since the source may hold what config keeps
            // secret. A shared repository's push deploys every linked app: it needs deploy on
            // each (a host admin, when none is linked yet).
            let verb = program == "git-receive-pack" ? "push" : "fetch"
            let targets: [String?] = shared ? try store.links(repo: app).map { Optional($0.app) } : [app]
            for target in targets.isEmpty ? [nil] : targets {
                try Authorizer.check(verb, .deploy, app: target, ctx: ctx)
            }
            try Dispatcher.authorize(program, [app], ctx: ctx, app: shared ? nil : app)
            try UpgradeGuard.refuseChanges(program, root: ctx.root)
            if shared {
                env["PAAS_REPO"] = app
            } else {
                if program == "git-receive-pack", let link = try store.link(app: app) {
                    throw RepoError.linkedElsewhere(app: app, repo: link.repo)
                }
                if try store.app(app) == nil {
                    guard program == "git-receive-pack" else { throw StoreError.noSuchApp(app) }
                    try AppManager(platform: platform).create(app)
                }
            }
            try AppRepository.ensure(root: ctx.root, app: app)
            env["PAAS_ROOT"] = ctx.root.path
            env["PAAS_USER"] = ctx.user
            env["PAAS_APP"] = app
            env["PAAS_BIN_DIR"] = Executable.directory
            env.merge(try AppRepository.receiveEnvironment(app: app, store: store)) { _, limit in limit }
            let gitProgram = ["/usr/bin/" + program, "/usr/lib/git-core/" + program].first {
                FileManager.default.isExecutableFile(atPath: $0)
            } ?? "/usr/bin/" + program
            PosixProcessRunner.exec(gitProgram, [ctx.root.repo(app)], environment: env)
        } catch {
            ctx.err.line("paas: \(error)")
            return 1
        }
    }
}
