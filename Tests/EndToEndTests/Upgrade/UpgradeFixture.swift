import DockerEngine
import Foundation
import PaasStore
import PaasSupport
import PaasTestSupport
import XCTest

/// A paas install whose binaries live in the test's own "host binary folder" (a temp copy of
/// the debug build, never /usr/local/bin), and the release bundles a test upgrades it with,
/// made by scripts/package.sh from the same debug build with another version.
final class UpgradeFixture {
    /// The schema version of this tree's build (a bundle with one SQL migration has one more).
    static let schema = Store.schemaVersion

    let hostBin: TempDir
    let work: TempDir
    let paas: PaasHarness

    init(_ prefix: String) throws {
        hostBin = try TempDir(prefix: "paas-hostbin")
        work = try TempDir(prefix: "paas-bundles")
        for name in ["paas", "paas-pre-receive", "paas-nginx"] {
            try FileManager.default.copyItem(atPath: TestPaths.binDirectory + "/" + name, toPath: hostBin.file(name))
        }
        paas = try PaasHarness(prefix, proxy: .nginx, binDirectory: hostBin.path)
    }

    func cleanup() {
        paas.cleanup()
        hostBin.remove()
        work.remove()
    }

    // MARK: - Bundles

    /// Packages the debug build as paas-`version`.tar.gz; `migrations` are SQL files by name.
    func bundle(
        _ version: String, migrations: [String: String] = [:], plugins: String? = nil, binDir: String? = nil
    ) throws -> String {
        let out = try work.directory("out-\(version)-\(UUID().uuidString.prefix(6))")
        var arguments = ["--bin-dir", binDir ?? TestPaths.binDirectory, "--version", version, "--out", out]
        if !migrations.isEmpty {
            let dir = try work.directory("migrations-\(UUID().uuidString.prefix(6))")
            for (name, sql) in migrations { try work.write((dir as NSString).lastPathComponent + "/" + name, sql) }
            arguments += ["--migrations", dir]
        }
        if let plugins { arguments += ["--plugins", plugins] }
        try Run.checked(TestPaths.scripts + "/package.sh", arguments, timeout: .seconds(180))
        return out + "/paas-\(version).tar.gz"
    }

    /// A plugins folder whose nginx plugin runs the shell `prelude` before handing over to
    /// paas-nginx (the way a new release could ship a broken proxy plugin).
    func nginxPlugin(prelude: String) throws -> String {
        let dir = try work.directory("plugins-\(UUID().uuidString.prefix(6))")
        try FileManager.default.copyItem(atPath: TestPaths.plugins + "/nginx", toPath: dir + "/nginx")
        try work.write(
            (dir as NSString).lastPathComponent + "/nginx/bin/nginx-proxy",
            """
            #!/bin/sh
            \(prelude)
            exec "${PAAS_BIN_DIR:-/usr/local/bin}/paas-nginx" "$@"

            """, mode: 0o755)
        return dir
    }

    /// A copy of the debug build whose `program` is a script that fails.
    func binariesWithBroken(_ program: String) throws -> String {
        let dir = try work.directory("bin-\(UUID().uuidString.prefix(6))")
        for name in ["paas", "paas-pre-receive", "paas-nginx"] where name != program {
            try FileManager.default.copyItem(atPath: TestPaths.binDirectory + "/" + name, toPath: dir + "/" + name)
        }
        try work.write(
            (dir as NSString).lastPathComponent + "/" + program,
            "#!/bin/sh\necho '\(program): cannot start (a broken build)' >&2\nexit 127\n", mode: 0o755)
        return dir
    }

    // MARK: - Upgrading and looking at it

    /// `paas upgrade BUNDLE [--wait] ARGS` on the host.
    @discardableResult
    func upgrade(_ bundle: String, wait: Bool = true, _ extra: [String] = [], environment: [String: String] = [:])
        throws
        -> ProcessResult
    {
        try Run.command(
            hostBin.file("paas"), ["upgrade", bundle] + (wait ? ["--wait"] : []) + extra,
            environment: paas.environment.merging(environment) { $1 }, timeout: .seconds(300))
    }

    /// `upgrade/status.json`, parsed.
    func status() -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: paas.root.file("upgrade/status.json")) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// The status's `state`.
    var state: String? { status()?["state"] as? String }

    /// The failure the status names: step, command, output.
    var failure: [String: Any]? { status()?["failure"] as? [String: Any] }

    /// What `paas version --format json` of the host binary folder says.
    func installedVersion() throws -> String {
        let result = try paas.paas(["version"])
        return result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The host binary folder's files and their contents.
    func hostBinaries() -> [String: Data] {
        var files: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: hostBin.path)) ?? [] {
            files[name] = FileManager.default.contents(atPath: hostBin.file(name))
        }
        return files
    }

    /// The helper containers of this test that still exist.
    func helpers() throws -> [ContainerSummary] {
        try paas.docker.listContainers(all: true, labels: ["paas.upgrade": nil, TestID.labelKey: paas.id.value])
    }

    /// Deploys a static page app; returns its name once it answers through nginx.
    func deployApp(_ page: String, suffix: String = "web") throws -> String {
        let app = paas.id.name(suffix)
        let pushed = try paas.push(try Apps.staticPage(page), app: app)
        XCTAssertTrue(pushed.succeeded, pushed.summary)
        try paas.waitFor(app: app, body: page)
        return app
    }

    /// The bundle SQL migrations applied to the database.
    func appliedSQLMigrations() throws -> [String] {
        try Store(path: paas.root.file("paas.db")).appliedSQLMigrations()
    }
}
