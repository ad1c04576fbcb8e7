import Foundation

/// Where tests find the package's own files: the repository root (for `plugins/`, `hooks/`,
/// `scripts/`) and the built `paas` and `paas-pre-receive` executables.
public enum TestPaths {
    /// The repository root (the folder holding Package.swift), found from this source file.
    public static let repoRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.path
            }
        }
        fatalError("PaasTestSupport: no Package.swift above \(#filePath)")
    }()

    /// The folder holding the built products (`.build/debug` or wherever SwiftPM put them).
    ///
    /// `PAAS_BIN_DIR` wins; else the folder of the running test bundle when it holds `paas`;
    /// else `swift build --show-bin-path` in the repository root.
    public static let binDirectory: String = {
        let fm = FileManager.default
        if let dir = ProcessInfo.processInfo.environment["PAAS_BIN_DIR"], !dir.isEmpty { return dir }
        var candidates: [String] = []
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append((exe as NSString).deletingLastPathComponent)
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().path)
        candidates.append(Bundle.main.bundlePath)
        for dir in candidates {
            // The test runner may be inside `X.xctest/`; walk up a few levels.
            var url = URL(fileURLWithPath: dir)
            for _ in 0..<4 {
                if fm.isExecutableFile(atPath: url.appendingPathComponent("paas").path) { return url.path }
                url.deleteLastPathComponent()
            }
        }
        if let swift = Run.which("swift"),
            let result = try? Run.command(swift, ["build", "--show-bin-path"], workingDirectory: repoRoot),
            result.succeeded
        {
            return result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return repoRoot + "/.build/debug"
    }()

    /// The built `paas` executable.
    public static var paas: String { binDirectory + "/paas" }

    /// The built `paas-pre-receive` executable.
    public static var paasPreReceive: String { binDirectory + "/paas-pre-receive" }

    /// The project's own plugins (`plugins/` in the repository).
    public static var plugins: String { repoRoot + "/plugins" }

    /// What is installed into each app's bare repository (`hooks/` in the repository).
    public static var hooks: String { repoRoot + "/hooks" }

    /// The project's scripts (`scripts/` in the repository).
    public static var scripts: String { repoRoot + "/scripts" }

    /// Throws unless the built `executable` exists (tests call this to fail with a clear cause).
    public static func requireBuilt(_ executable: String) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw TestSupportError("\(executable) is not built; run `swift build` (or scripts/test.sh) first")
        }
    }
}
