import Foundation
import PaasSupport
import XCTest

/// A temp directory with a work repo made by the git CLI and a bare repo to push into.
final class GitFixture {
    let root: String
    let work: String
    let bare: String
    /// The environment every git command gets: no user or system config, fixed identities.
    let environment: [String: String]

    /// The paths and contents the standard fixture commit holds (regular files only).
    static let longDirectory =
        "deeply/nested/directory-with-a-rather-long-name/another-level-of-nesting-to-pass-one-hundred"
    static let files: [String: (content: String, mode: Int)] = [
        "README.md": ("hello\n", 0o644),
        "Procfile": ("web: ./bin/run.sh\nrelease: echo migrate\n", 0o644),
        "bin/run.sh": ("#!/bin/sh\necho running\n", 0o755),
        "empty.txt": ("", 0o644),
        "with space.txt": ("spaces in the name\n", 0o644),
        "héllo wörld ✓.txt": ("unicode name\n", 0o644),
        "services/api/Procfile": ("web: api\n", 0o644),
        "services/api/app.json": ("{\"scripts\":{}}\n", 0o644),
        "services/api/src/main.py": ("print('api')\n", 0o644),
        "services/web/index.html": ("<h1>web</h1>\n", 0o644),
        longDirectory + "/and-finally-the-file-itself.txt": ("deep\n", 0o644),
    ]
    static let longLinkTarget = "../../" + String(repeating: "x", count: 120)
    static let symlinks: [String: String] = [
        "link-to-readme": "README.md",
        "services/api/link-to-dir": "src",
        "dangling-long-link": longLinkTarget,
    ]

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("paas-git-\(UUID().uuidString)").path
        work = root + "/work"
        bare = root + "/bare.git"
        let home = root + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        env["HOME"] = home
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_AUTHOR_NAME"] = "Ada Tester"
        env["GIT_AUTHOR_EMAIL"] = "ada@example.com"
        env["GIT_COMMITTER_NAME"] = "Ada Tester"
        env["GIT_COMMITTER_EMAIL"] = "ada@example.com"
        environment = env
        try git(["init", "-q", "-b", "main", work], in: root)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Writes the standard files, symlinks and a submodule entry into the work repo and commits.
    func commitStandardTree(message: String = "First commit\n\nWith a body.") throws {
        for (path, file) in Self.files {
            try write(path, file.content, mode: file.mode)
        }
        for (path, target) in Self.symlinks {
            try FileManager.default.createSymbolicLink(atPath: work + "/" + path, withDestinationPath: target)
        }
        try git(["add", "-A"])
        // A gitlink (submodule entry) pointing at some commit: the archive must leave it out.
        try git(["update-index", "--add", "--cacheinfo", "160000,\(String(repeating: "1", count: 40)),vendor/sub"])
        try git(["commit", "-q", "-m", message])
    }

    /// Writes `content` to `path` in the work tree with `mode`.
    func write(_ path: String, _ content: String, mode: Int = 0o644) throws {
        let full = work + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(content.utf8).write(to: URL(fileURLWithPath: full))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: full)
    }

    /// Pushes `main` from the work repo into the bare repo.
    @discardableResult
    func push(extraEnvironment: [String: String] = [:]) throws -> ProcessResult {
        try run("/usr/bin/git", ["push", "-q", bare, "main"], in: work, extraEnvironment: extraEnvironment, check: false)
    }

    /// Runs git in `directory` (the work repo by default) and returns its trimmed stdout.
    @discardableResult
    func git(_ arguments: [String], in directory: String? = nil) throws -> String {
        let result = try run("/usr/bin/git", arguments, in: directory ?? work)
        return result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a program; throws with its stderr when `check` and it fails.
    @discardableResult
    func run(
        _ executable: String, _ arguments: [String], in directory: String,
        extraEnvironment: [String: String] = [:], check: Bool = true
    ) throws -> ProcessResult {
        let spec = ProcessSpec(
            executable: executable, arguments: arguments,
            environment: environment.merging(extraEnvironment) { $1 }, workingDirectory: directory,
            stdout: .capture(limit: 1 << 20), stderr: .capture(limit: 1 << 20), timeout: .seconds(120))
        let result = try PosixProcessRunner(cancellation: nil).run(spec)
        if check && !result.succeeded {
            throw FixtureError(message: "\(executable) \(arguments.joined(separator: " ")): \(result.stderrText)")
        }
        return result
    }

    /// The path of the running test executable, to run it again as a helper process.
    static var testExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension ByteSource {
    /// Reads the whole source with reads of `chunk` bytes.
    func readAll(chunk: Int) throws -> [UInt8] {
        var result: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let n = try read(into: buffer)
            if n == 0 { return result }
            result.append(contentsOf: buffer[0..<n])
        }
    }
}
