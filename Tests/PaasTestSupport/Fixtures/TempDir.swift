import Foundation

/// A fresh temporary directory, removed with everything in it by `remove()` or when the last
/// reference goes away.
public final class TempDir: Sendable {
    /// The directory's absolute path (symlinks resolved).
    public let path: String

    /// Creates `$TMPDIR/<prefix>.XXXXXX`.
    public init(prefix: String = "paas-test") throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/\(prefix).XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw TestSupportError("cannot create a temp directory under \(base): \(String(cString: strerror(errno)))")
        }
        path = URL(fileURLWithPath: String(cString: made)).resolvingSymlinksInPath().path
    }

    deinit { remove() }

    /// Removes the directory and everything in it (safe to call twice).
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The absolute path of `relative` inside the directory (not created).
    public func file(_ relative: String) -> String { path + "/" + relative }

    /// Writes `contents` to `relative` (creating parent folders) and returns its absolute path.
    @discardableResult
    public func write(_ relative: String, _ contents: String, mode: Int = 0o644) throws -> String {
        try write(relative, Array(contents.utf8), mode: mode)
    }

    /// Writes `bytes` to `relative` (creating parent folders) and returns its absolute path.
    @discardableResult
    public func write(_ relative: String, _ bytes: [UInt8], mode: Int = 0o644) throws -> String {
        let target = file(relative)
        let fm = FileManager.default
        try fm.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard fm.createFile(atPath: target, contents: Data(bytes), attributes: [.posixPermissions: mode]) else {
            throw TestSupportError("cannot write \(target)")
        }
        try fm.setAttributes([.posixPermissions: mode], ofItemAtPath: target)
        return target
    }

    /// Creates the folder `relative` (and parents) and returns its absolute path.
    @discardableResult
    public func directory(_ relative: String) throws -> String {
        let target = file(relative)
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        return target
    }
}
