import DockerEngine
import Foundation
import PaasDeploy
import PaasPlugins
import PaasStore
import PaasSupport
import PaasTestSupport
import XCTest

@testable import PaasCommands

/// The access rules, through the dispatcher, in-process: a temp state root, a store on a file,
/// a fake Docker engine. Each run says whether the command was refused and how.
final class AccessTests: XCTestCase {
    private var dir: TempDir!
    private var root: StateRoot { StateRoot(path: dir.path) }

    override func setUpWithError() throws {
        dir = try TempDir(prefix: "paas-access")
        let store = try Store(root: root)
        for app in ["web", "api"] { _ = try store.createApp(app) }
        try store.addKey(SSHKey(name: "root1", fingerprint: "SHA256:r", publicKey: "k", role: .admin))
        for (name, role) in [("reader", AccessRole.read), ("deployer", .deploy), ("owner", .admin)] {
            try store.addKey(SSHKey(name: name, fingerprint: "SHA256:" + name, publicKey: "k"))
            try store.grant(app: "web", key: name, role: role)
        }
        try store.addKey(SSHKey(name: "nobody", fingerprint: "SHA256:n", publicKey: "k"))
    }

    /// Runs `words` as key `key` over ssh; returns the exit status and stderr.
    private func run(_ key: String, _ words: [String], viaSSH: Bool = true) throws -> (status: Int32, err: String) {
        let errPath = dir.file("err-\(UUID().uuidString)")
        let outPath = dir.file("out-\(UUID().uuidString)")
        let errFD = open(errPath, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        let outFD = open(outPath, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        defer {
            close(errFD)
            close(outFD)
        }
        let root = self.root
        let ctx = CommandContext(
            root: root, user: key, viaSSH: viaSSH, out: Terminal(fd: outFD), err: Terminal(fd: errFD),
            platform: { root, user in
                let docker = DockerClient(transport: FakeEngineTransport())
                return Platform(
                    root: root, settings: InstallSettings(domain: "paas.test"), docker: docker, cleanupDocker: docker,
                    proxy: NoProxy(), runner: PosixProcessRunner(), plugins: Platform.pluginRunner(root: root),
                    user: user,
                    log: Terminal(fd: errFD), store: { try Store(root: root) })
            })
        let status = Dispatcher.run(words, ctx: ctx)
        return (status, (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    private func assertRefused(
        _ key: String, _ words: [String], _ line: String, file: StaticString = #filePath, line at: UInt = #line
    ) throws {
        let result = try run(key, words)
        XCTAssertEqual(result.status, 1, result.err, file: file, line: at)
        XCTAssertEqual(result.err, "paas: " + line + "\n", file: file, line: at)
    }

    private func assertAllowed(_ key: String, _ words: [String], file: StaticString = #filePath, line: UInt = #line)
        throws
    {
        let result = try run(key, words)
        XCTAssertFalse(result.err.contains("may not"), "\(words) as \(key): \(result.err)", file: file, line: line)
    }

    func testEachRoleAgainstEachCommandClass() throws {
        try assertAllowed("reader", ["releases", "web"])
        try assertAllowed("reader", ["domains:report", "web"])
        try assertRefused("reader", ["config:show", "web"], "reader may not config:show web (role read)")
        try assertRefused("reader", ["run", "web", "env"], "reader may not run web (role read)")
        try assertAllowed("deployer", ["config:set", "web", "--no-restart", "A=1"])
        try assertRefused(
            "deployer", ["apps:destroy", "web", "--force"], "deployer may not apps:destroy web (role deploy)")
        try assertRefused(
            "deployer", ["acl:grant", "web", "nobody", "read"], "deployer may not acl:grant web (role deploy)")
        try assertAllowed("owner", ["acl:grant", "web", "nobody", "read"])
        try assertRefused("owner", ["config:show", "api"], "owner may not config:show api (role none)")
        try assertRefused("owner", ["apps:create", "new"], "owner may not apps:create (role none)")
        try assertRefused("owner", ["ssh-keys:list"], "owner may not ssh-keys:list (role none)")
        try assertRefused("nobody", ["logs", "api"], "nobody may not logs api (role none)")
        try assertAllowed("nobody", ["version"])
        try assertAllowed("root1", ["ssh-keys:list"])
        try assertRefused(
            "root1", ["plugin:list"],
            "root1 may not plugin:list (role admin): it is for root on the host only (there: paas plugin:list ...)"
        )
        XCTAssertEqual(try run("nobody", ["plugin:list"], viaSSH: false).status, 0, "root on the host may")
    }

    func testTheAppCheckedIsTheOneTheCommandActsOn() throws {
        // -p takes a value: the app is `api`, not `web`.
        try assertRefused("deployer", ["logs", "-p", "web", "api"], "deployer may not logs api (role none)")
        try assertRefused("deployer", ["config:set", "--global", "A=1"], "deployer may not config:set (role none)")
        try assertRefused("deployer", ["checks:report", "--global"], "deployer may not checks:report (role none)")
        try assertRefused("deployer", ["ps:reconcile"], "deployer may not ps:reconcile (role none)")
        try assertRefused("reader", ["config", "web"], "reader may not config:show web (role read)")
        try assertRefused("nobody", ["logs", "web\nX"], "nobody may not logs web\\u{a}X (role none)")
    }

    func testTheRefusedCommandChangesNothing() throws {
        try assertRefused(
            "reader", ["config:set", "web", "--no-restart", "A=1"], "reader may not config:set web (role read)")
        XCTAssertEqual(try Store(root: root).config("web"), [:])
        try assertRefused("deployer", ["acl:revoke", "web", "owner"], "deployer may not acl:revoke web (role deploy)")
        XCTAssertEqual(try Store(root: root).access(key: "owner", app: "web")?.grant, .admin)
    }

    func testPluginCommandsAreCheckedOnTheAppTheirManifestNames() throws {
        try PluginRegistry(root: root, reserved: CommandTable.names).install(from: TestPaths.plugins + "/maintenance")
        try assertAllowed("reader", ["maintenance:report", "web"])
        try assertRefused("reader", ["maintenance:on", "web"], "reader may not maintenance:on web (role read)")
        try assertRefused("nobody", ["maintenance:report", "web"], "nobody may not maintenance:report web (role none)")
        try assertRefused("deployer", ["maintenance:on", "api"], "deployer may not maintenance:on api (role none)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("plugins/data/maintenance/api")))
    }
}
