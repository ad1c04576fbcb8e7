import CLibgit2

/// Process-wide libgit2 setup.
enum Libgit2 {
    /// A static `let` is initialized once, thread-safely, on first use. libgit2 stays initialized
    /// for the life of the process: there is no point at which every repository is gone.
    ///
    /// Owner validation (git's `safe.directory`) is turned off: root on the host runs `paas`
    /// against app repositories owned by the paas user, and libgit2 1.5 would refuse to open them
    /// ("config value 'safe.directory' was not found"). The check guards against running programs
    /// named in someone else's repository config; this layer only reads objects and refs from
    /// repositories under paas's own state root and never runs hooks, filters or helpers.
    ///
    /// libgit2 itself is opened with dlopen here, on first use, rather than when `paas` starts:
    /// most commands never read a repository and should not pay for loading it.
    private static let loadProblem: String? = {
        if let reason = paas_git_load_error() { return String(cString: reason) }
        _ = paas_git_libgit2_init()
        _ = paas_git_set_owner_validation(0)
        return nil
    }()

    /// Makes sure libgit2 is loaded and `git_libgit2_init` ran once in this process; throws a
    /// `GitError` saying what to install when libgit2 cannot be loaded.
    static func ensureInitialized() throws(GitError) {
        if let loadProblem { throw GitError(unavailable: loadProblem) }
    }
}

extension git_oid {
    /// The 40-character lowercase hex form.
    var hex: String {
        var oid = self
        var chars = [CChar](repeating: 0, count: 40)
        _ = paas_git_oid_fmt(&chars, &oid)
        return String(decoding: chars.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Parses a full 40-character hex id; nil for anything else.
    static func parse(_ hex: String) -> git_oid? {
        guard hex.utf8.count == 40, hex.utf8.allSatisfy(Self.isHexDigit)
        else { return nil }
        var oid = git_oid()
        return paas_git_oid_fromstr(&oid, hex) == 0 ? oid : nil
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }
}
