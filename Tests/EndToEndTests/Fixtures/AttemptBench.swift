import DockerEngine
import Foundation
import PaasStore
import PaasSupport
import PaasTestSupport
import XCTest

/// A paas installation under attack, for the security suite: a deployed app `bank` serving a
/// page, a second app `other`, and keys with each role: `tester` (host admin), `reader`,
/// `deployer` and `owner` (read, deploy and admin on `bank`) and `nobody` (no role).
///
/// `attempt` runs one try through real ssh or git and checks that it was refused, with the
/// expected words, and that nothing changed: state, authorized_keys, repositories, proxy
/// files, containers, the page served, and no marker file written by an injected command.
final class AttemptBench {
    let paas: PaasHarness
    let bank: String
    let other: String
    /// Keys by name (`tester` is the harness's client key).
    private(set) var keys: [String: PaasTestSupport.SSHKey] = [:]
    /// A file an injected shell command would create.
    let marker: String
    /// Attempts made and refused as expected.
    private(set) var count = 0
    let repo: GitFixture

    init(_ prefix: String) throws {
        // Attempts send more stdin than paas reads: a write to the closed pipe must fail, not kill the tests.
        signal(SIGPIPE, SIG_IGN)
        paas = try PaasHarness(prefix)
        bank = paas.id.name("bank")
        other = paas.id.name("other")
        marker = NSTemporaryDirectory() + "paas-pwned-" + paas.id.value
        repo = try Apps.staticPage("the bank\n")
        keys["tester"] = paas.sshd.clientKey
        for name in ["reader", "deployer", "owner", "nobody"] {
            let key = try paas.sshd.makeKey(name)
            try check(paas.paas(["ssh-keys:add", name], stdin: Array((key.publicKey + "\n").utf8)))
            keys[name] = key
        }
        try check(paas.paas(["plugin:install", TestPaths.plugins + "/maintenance"]))
        try check(paas.paas(["apps:create", bank]))
        try check(paas.paas(["apps:create", other]))
        try check(paas.paas(["checks:set", bank, "settle", "0"]))
        for (key, role) in [("reader", "read"), ("deployer", "deploy"), ("owner", "admin")] {
            try check(paas.paas(["acl:grant", bank, key, role]))
        }
        try check(paas.push(repo, app: bank))
        _ = try paas.waitFor(app: bank, body: "the bank\n")
    }

    func cleanup() {
        try? FileManager.default.removeItem(atPath: marker)
        paas.cleanup()
    }

    private func check(_ result: ProcessResult, file: StaticString = #filePath, line: UInt = #line) throws {
        guard result.succeeded else { throw TestSupportError("setup failed: \(result.summary)") }
    }

    func key(_ name: String) -> PaasTestSupport.SSHKey { keys[name]! }

    // MARK: - Attempts

    /// `words` over ssh as `key`, each word quoted so that paas sees exactly these words.
    func ssh(_ key: String, _ words: [String], stdin: [UInt8]? = nil) throws -> ProcessResult {
        try paas.ssh(words, stdin: stdin, key: self.key(key))
    }

    /// `line` over ssh as `key`, exactly as typed (ssh joins words with spaces; nothing is quoted).
    func raw(_ key: String, _ line: [String]) throws -> ProcessResult {
        try paas.sshRaw(line, key: self.key(key))
    }

    /// A push of a new commit of the bank's repository to `path` as `key`.
    func push(_ key: String, to path: String) throws -> ProcessResult {
        try paas.push(repo, app: path, key: self.key(key))
    }

    /// A clone of `path` as `key` (git-upload-pack).
    func clone(_ key: String, _ path: String) throws -> ProcessResult {
        let into = try TempDir(prefix: "paas-clone")
        return try Run.command(
            "git", ["clone", paas.sshd.gitRemote(path), into.file("c")],
            environment: ["GIT_SSH_COMMAND": paas.sshd.gitSSHCommand(key: self.key(key))])
    }

    /// Runs `body`, and checks it failed with `expected` on stderr and changed nothing.
    func attempt(
        _ what: String, expect expected: String, file: StaticString = #filePath, line: UInt = #line,
        _ body: () throws -> ProcessResult
    ) {
        do {
            let before = try snapshot()
            let result = try body()
            XCTAssertNotEqual(
                result.status, .exited(0), "\(what): not refused: \(result.summary)", file: file, line: line)
            XCTAssertTrue(
                result.stderrText.contains(expected), "\(what): expected '\(expected)' in: \(result.summary)",
                file: file, line: line)
            let after = try snapshot()
            XCTAssertEqual(after, before, "\(what): state changed", file: file, line: line)
            if result.status != .exited(0), result.stderrText.contains(expected), after == before { count += 1 }
        } catch {
            XCTFail("\(what): \(error)", file: file, line: line)
        }
    }

    // MARK: - What must not change

    /// Everything a refused attempt must leave as it was, one line per fact.
    func snapshot() throws -> [String] {
        let store = try Store(root: StateRoot(path: paas.rootPath))
        var lines: [String] = []
        for app in try store.apps() {
            lines.append("app \(app.name)")
            lines.append("config \(app.name) \(try store.config(app.name).sorted { $0.key < $1.key })")
            lines.append("domains \(app.name) \(try store.domains(app.name))")
            lines.append("releases \(app.name) \(try store.releases(app.name).map(\.version))")
            lines.append("live \(app.name) \(try store.liveRelease(app.name)?.version ?? 0)")
        }
        lines.append("config global \(try store.config(Store.globalScope).sorted { $0.key < $1.key })")
        lines += try store.keys().map { "key \($0.name) \($0.role) \($0.fingerprint)" }
        lines += try store.grants().map { "grant \($0.app) \($0.key) \($0.role)" }
        let fm = FileManager.default
        lines.append(
            "authorized_keys "
                + ((try? String(contentsOfFile: paas.root.file(".ssh/authorized_keys"), encoding: .utf8)) ?? ""))
        lines.append("repos \(((try? fm.contentsOfDirectory(atPath: paas.root.file("repos"))) ?? []).sorted())")
        lines.append(
            "plugins \(((try? fm.contentsOfDirectory(atPath: paas.root.file("plugins/enabled"))) ?? []).sorted())")
        for file in ((try? fm.contentsOfDirectory(atPath: paas.root.file("proxy"))) ?? []).sorted() {
            lines.append(
                "proxy \(file) "
                    + ((try? String(contentsOfFile: paas.root.file("proxy/" + file), encoding: .utf8)) ?? ""))
        }
        lines += try paas.containers().map { "container \($0.names) \($0.state) \($0.labels["paas.app"] ?? "")" }
            .sorted()
        lines.append("marker \(fm.fileExists(atPath: marker))")
        lines.append("page \(try paas.get(app: bank).body)")
        return lines
    }
}
