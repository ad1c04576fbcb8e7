import CLibgit2

/// A failure reported by libgit2 (or by this git layer), with libgit2's error class and message.
public struct GitError: Error, CustomStringConvertible, Sendable {
    /// What was being done, in a user's words ("cannot open git repository at /srv/app").
    public let operation: String
    /// libgit2's return code (`GIT_ENOTFOUND` = -3, ...); -1 for errors raised by this layer.
    public let code: Int32
    /// libgit2's `git_error_t` class (`GIT_ERROR_ODB`, ...); 0 when libgit2 gave none.
    public let errorClass: Int32
    /// libgit2's message from `git_error_last()`, or this layer's own, on one line.
    public let message: String

    /// Creates an error raised by this layer rather than by libgit2.
    init(operation: String, message: String) {
        self.operation = operation
        self.code = -1
        self.errorClass = 0
        self.message = message
    }

    /// The error for a machine where libgit2 cannot be loaded: `reason` is the whole message.
    init(unavailable reason: String) {
        self.operation = ""
        self.code = -1
        self.errorClass = 0
        self.message = reason
    }

    /// Captures `git_error_last()` for the failure `code` that libgit2 just returned on this thread.
    init(operation: String, code: Int32) {
        self.operation = operation
        self.code = code
        if let last = paas_git_error_last(), let text = last.pointee.message {
            self.errorClass = last.pointee.klass
            self.message = String(cString: text)
        } else {
            self.errorClass = 0
            self.message = "libgit2 error \(code)"
        }
    }

    /// True when libgit2 said the thing asked for does not exist.
    public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }

    public var description: String {
        let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        let trimmed = oneLine.hasSuffix(".") ? String(oneLine.dropLast()) : oneLine
        if operation.isEmpty { return trimmed }
        if errorClass == 0 { return "\(operation): \(trimmed)" }
        return "\(operation): \(trimmed) (libgit2 \(Self.className(errorClass)) error)"
    }

    private static func className(_ errorClass: Int32) -> String {
        let names = [
            "no", "out-of-memory", "os", "invalid", "reference", "zlib", "repository", "config",
            "regex", "odb", "index", "object", "net", "tag", "tree", "indexer", "ssl", "submodule",
            "thread", "stash", "checkout", "fetchhead", "merge", "ssh", "filter", "revert",
            "callback", "cherrypick", "describe", "rebase", "filesystem", "patch", "worktree",
            "sha", "http", "internal",
        ]
        let index = Int(errorClass)
        return names.indices.contains(index) ? names[index] : "class-\(errorClass)"
    }
}

/// Throws a `GitError` for a negative libgit2 return code; returns non-negative codes unchanged.
@discardableResult
func gitCheck(_ code: Int32, _ operation: @autoclosure () -> String) throws(GitError) -> Int32 {
    if code < 0 { throw GitError(operation: operation(), code: code) }
    return code
}
