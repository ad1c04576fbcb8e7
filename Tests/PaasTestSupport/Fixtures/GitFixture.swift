import Foundation
import PaasSupport

/// A git working repository in a temp folder, on branch `main`, with an author configured:
/// write files, commit, push — with real `git`.
public final class GitFixture: Sendable {
    /// The temp folder; removed when the fixture goes away.
    public let directory: TempDir
    /// The working tree's path.
    public var path: String { directory.path }

    /// `git init -b branch` in a new temp folder and configures the author.
    public init(branch: String = "main") throws {
        directory = try TempDir(prefix: "paas-git")
        try git(["init", "-q", "-b", branch])
        try git(["config", "user.name", "Paas Test"])
        try git(["config", "user.email", "test@paas.invalid"])
        try git(["config", "commit.gpgsign", "false"])
    }

    /// Writes `contents` to `relative` in the working tree (creating folders).
    public func write(_ relative: String, _ contents: String, executable: Bool = false) throws {
        try directory.write(relative, contents, mode: executable ? 0o755 : 0o644)
    }

    /// Removes `relative` from the working tree.
    public func remove(_ relative: String) throws {
        try FileManager.default.removeItem(atPath: directory.file(relative))
    }

    /// Stages everything and commits; returns the new commit id.
    @discardableResult
    public func commit(_ message: String = "change", allowEmpty: Bool = false) throws -> String {
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", message] + (allowEmpty ? ["--allow-empty"] : []))
        return try head()
    }

    /// The commit id of HEAD.
    public func head() throws -> String {
        try git(["rev-parse", "HEAD"]).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `git push remote ref` with `GIT_SSH_COMMAND` set to `sshCommand` when given. The push's
    /// result (not thrown on failure: tests look at rejected pushes too); git's progress is on stderr.
    public func push(
        remote: String, ref: String = "main", sshCommand: String? = nil, force: Bool = false,
        environment: [String: String] = [:], timeout: Duration = .seconds(600)
    ) throws -> ProcessResult {
        var env = environment
        if let sshCommand { env["GIT_SSH_COMMAND"] = sshCommand }
        return try Run.command(
            "git", ["push"] + (force ? ["--force"] : []) + [remote, ref], environment: env, workingDirectory: path,
            timeout: timeout)
    }

    /// Pushes `ref` to `app` on `sshd` (as `user`, with `key` or the server's client key).
    public func push(
        to sshd: TestSSHD, app: String, ref: String = "main", user: String = "root", key: SSHKey? = nil,
        force: Bool = false, environment: [String: String] = [:], timeout: Duration = .seconds(600)
    ) throws -> ProcessResult {
        try push(
            remote: sshd.gitRemote(app, user: user), ref: ref, sshCommand: sshd.gitSSHCommand(key: key), force: force,
            environment: environment, timeout: timeout)
    }

    /// Runs `git args` in the working tree; throws unless it succeeds.
    @discardableResult
    public func git(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try Run.checked("git", arguments, environment: environment, workingDirectory: path)
    }
}
