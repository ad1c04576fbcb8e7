import Foundation
import PaasSupport

/// Runs commands for tests through PaasSupport's `PosixProcessRunner`, capturing stdout and
/// stderr, with a timeout. Not tied to any cancellation flag.
public enum Run {
    /// Runs `executable` (a path, or a name looked up on PATH) with `arguments`.
    ///
    /// `environment` is added to (and overrides) this process's environment. The result holds
    /// both outputs; a non-zero exit is not an error here (see `checked`).
    @discardableResult
    public static func command(
        _ executable: String, _ arguments: [String] = [], environment: [String: String] = [:],
        workingDirectory: String? = nil, stdin: [UInt8]? = nil, timeout: Duration = .seconds(120)
    ) throws -> ProcessResult {
        guard let path = which(executable) else {
            throw TestSupportError("cannot run \(executable): not found on PATH")
        }
        let spec = ProcessSpec(
            executable: path, arguments: arguments,
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
            workingDirectory: workingDirectory, stdin: stdin.map { .bytes($0) } ?? .none,
            stdout: .capture(limit: 16 << 20), stderr: .capture(limit: 16 << 20),
            timeout: timeout, newProcessGroup: true)
        return try PosixProcessRunner(cancellation: nil).run(spec)
    }

    /// Like `command`, but throws `TestSupportError` (with both outputs) unless it exits 0.
    @discardableResult
    public static func checked(
        _ executable: String, _ arguments: [String] = [], environment: [String: String] = [:],
        workingDirectory: String? = nil, stdin: [UInt8]? = nil, timeout: Duration = .seconds(120)
    ) throws -> ProcessResult {
        let result = try command(
            executable, arguments, environment: environment, workingDirectory: workingDirectory, stdin: stdin,
            timeout: timeout)
        guard result.succeeded else {
            throw TestSupportError("\(([executable] + arguments).joined(separator: " ")) failed: \(result.summary)")
        }
        return result
    }

    /// The absolute path of `name`: itself when it contains a slash, else the first match on
    /// PATH (plus the sbin folders, which root's tests need and CI's PATH may lack).
    public static func which(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let dirs = path.split(separator: ":").map(String.init) + ["/usr/local/sbin", "/usr/sbin", "/sbin"]
        return dirs.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

extension ProcessResult {
    /// One line for failure messages: the status and both outputs, trimmed.
    public var summary: String {
        let out = stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        let err = stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
        return "\(status); stdout: \(out.isEmpty ? "(empty)" : out); stderr: \(err.isEmpty ? "(empty)" : err)"
    }
}
