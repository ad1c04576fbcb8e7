import CLibgit2
import Foundation

/// A bare git repository read through libgit2: commits, trees and blobs straight from the object
/// database, without a checkout or a clone.
///
/// `@unchecked Sendable`: libgit2 does not promise that one `git_repository` may be used from two
/// threads at once, so every use of `handle` (here, in the extensions and in the archive stream)
/// goes through `withHandle`, which holds `lock`. The pointer itself never changes after `init`.
public final class GitRepository: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = NSLock()
    /// The repository's git directory, as given when it was opened or created.
    public let path: String
    /// Where loose objects are looked for, quarantine first; read and written under `lock`.
    var looseObjectDirectories: [String] = []

    private init(handle: OpaquePointer, path: String) {
        self.handle = handle
        self.path = path
    }

    deinit {
        paas_git_repository_free(handle)
    }

    /// Runs `body` with exclusive use of the `git_repository*`.
    func withHandle<T, E: Error>(_ body: (OpaquePointer) throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(handle)
    }

    // MARK: - Opening

    /// Opens the bare repository at `path`.
    ///
    /// Inside a pre-receive hook the pushed objects are still in git's quarantine directory; the
    /// environment git gives the hook (`GIT_QUARANTINE_PATH`, `GIT_OBJECT_DIRECTORY`,
    /// `GIT_ALTERNATE_OBJECT_DIRECTORIES`) is read so that those objects are visible too.
    public static func open(at path: String) throws -> GitRepository {
        try open(at: path, environment: ProcessInfo.processInfo.environment)
    }

    /// Opens the bare repository at `path`, taking hook object directories from `environment`.
    static func open(at path: String, environment: [String: String]) throws -> GitRepository {
        try Libgit2.ensureInitialized()
        var raw: OpaquePointer?
        let flags = GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue | GIT_REPOSITORY_OPEN_BARE.rawValue
        try gitCheck(
            paas_git_repository_open_ext(&raw, path, flags, nil),
            "cannot open git repository at \(path)")
        let repository = GitRepository(handle: raw!, path: path)
        try repository.setUpObjectDirectories(from: environment)
        return repository
    }

    /// Creates an empty bare repository at `path` (parent directories included) and opens it.
    ///
    /// Sets `receive.unpackLimit` so high that `git-receive-pack` always unpacks a push into loose
    /// objects: `archive(treeID:)` streams loose blobs in small pieces, while packed ones must be
    /// read whole into memory.
    public static func createBare(at path: String) throws -> GitRepository {
        try Libgit2.ensureInitialized()
        var raw: OpaquePointer?
        try gitCheck(paas_git_repository_init(&raw, path, 1), "cannot create bare git repository at \(path)")
        let repository = GitRepository(handle: raw!, path: path)
        try repository.setUpObjectDirectories(from: [:])
        try repository.setConfig("receive.unpackLimit", String(Int32.max))
        return repository
    }

    // MARK: - Configuration

    /// Sets `key` to `value` in the repository's own config file (`config` in the git directory).
    public func setConfig(_ key: String, _ value: String) throws {
        try withHandle { (repo) throws(GitError) in
            let operation = "cannot set git config \(key) in \(path)"
            var all: OpaquePointer?
            try gitCheck(paas_git_repository_config(&all, repo), operation)
            defer { paas_git_config_free(all) }
            var local: OpaquePointer?
            try gitCheck(paas_git_config_open_level(&local, all, GIT_CONFIG_LEVEL_LOCAL), operation)
            defer { paas_git_config_free(local) }
            try gitCheck(paas_git_config_set_string(local, key, value), operation)
        }
    }
}
