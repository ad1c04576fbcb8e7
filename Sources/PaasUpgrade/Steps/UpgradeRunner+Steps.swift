import Foundation
import PaasDeploy
import PaasStore
import PaasSupport

extension UpgradeRunner {
    var snapshotStore: Snapshot { Snapshot(directory: paths.snapshot(status.id), root: root) }
    var installer: Installer { Installer(root: root, id: status.id, work: paths.work(status.id)) }

    /// The binaries the source carries (every file of its `bin/`).
    var sourceBinaries: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: status.source + "/bin")) ?? []).sorted()
    }

    /// The files of the binary folder the upgrade changes: the source's, and for a rollback
    /// those its version did not have (removed at step 3).
    var managedBinaries: [String] {
        let absent = status.kind == .rollback ? Snapshot(directory: status.source, root: root).absent() : []
        return Array(Set(sourceBinaries + absent)).sorted()
    }

    /// 1. Waits for every deploy that holds its app's lock (new ones are refused by the gate),
    /// and notes how every app answers through the proxy now.
    func takeLock() throws -> String {
        let locks = (try? FileManager.default.contentsOfDirectory(atPath: root.locks)) ?? []
        let apps = locks.filter { $0.hasSuffix(".lock") }.map { String($0.dropLast(5)) }
        for app in apps.sorted() {
            let lock = try AppLock.acquire(
                root: root, app: app, holder: "the upgrade \(status.id)", wait: .seconds(settings.deployWait),
                cancellation: Cancellation()
            ) { holder in self.note("waiting for \(app): \(holder)") }
            lock.release()
        }
        let probes = try commands.run("paas", ["upgrade:verify", "--probe"])
        try AtomicFile.write(probes, to: paths.probes(status.id), mode: 0o644)
        let answering =
            (try? JSONDecoder().decode([String: Int].self, from: Data(probes.utf8)))?
            .values.filter { (1..<500).contains($0) }.count ?? 0
        return "new deploys refused; no deploy running; \(answering) app(s) answer through the proxy"
    }

    /// 2. Keeps the database, the binaries about to be replaced, the plugins and proxy files.
    func snapshot() throws -> String {
        try snapshotStore.take(binaries: managedBinaries, binDirectory: status.binDirectory, release: status.from)
    }

    /// 3. Installs the binaries and plugins, each by rename.
    func install() throws -> String {
        let binaries = sourceBinaries
        switch status.kind {
        case .upgrade:
            try installer.installBinaries(binaries, from: status.source + "/bin", into: status.binDirectory)
            let manifest = try BundleReader.manifest(in: status.source)
            let plugins = try installer.installBundlePlugins(manifest.plugins, from: status.source + "/plugins")
            return "installed \(binaries.joined(separator: ", ")) into \(status.binDirectory); plugins replaced: "
                + (plugins.isEmpty ? "none" : plugins.joined(separator: ", "))
        case .rollback:
            let kept = Snapshot(directory: status.source, root: root)
            try installer.installBinaries(binaries, from: kept.bin, into: status.binDirectory, remove: kept.absent())
            try installer.restorePlugins(from: kept.plugins)
            return "installed \(binaries.joined(separator: ", ")) of \(status.to.version) and its plugins"
        }
    }

    /// 4. Migrates the database with the new binary (or restores the kept one's database).
    func migrate() throws -> String {
        if let restore = status.restoreDatabase {
            return try Snapshot(directory: restore, root: root).restoreDatabase()
        }
        var arguments = ["upgrade:migrate"]
        if let migrations = status.migrations { arguments += ["--sql", migrations] }
        let output = try commands.run("paas", arguments)
        return output.split(separator: "\n").last.map(String.init) ?? "database migrated"
    }

    /// 5. Re-reads the plugins, then reconciles every app (which re-syncs the proxy).
    func resync() throws -> String {
        try commands.run("paas", ["plugin:list", "--format", "json"])
        try commands.run("paas", ["ps:reconcile"])
        return "plugins re-read; every app reconciled and the proxy re-synced"
    }

    /// 6. The new binaries run and say the expected version, the proxy's configuration is
    /// valid, and every app that answered before answers now.
    func verify() throws -> String {
        try checkVersion(status.to)
        try commands.run("paas", ["upgrade:verify", "--expect", paths.probes(status.id)])
        return "paas \(status.to.version) runs; the proxy's configuration is valid; every app still answers"
    }

    func checkVersion(_ expected: VersionReport) throws {
        let output = try commands.run("paas", ["version", "--format", "json"])
        let report = try? JSONDecoder().decode(VersionReport.self, from: Data(output.utf8))
        guard report == expected else {
            let got =
                report.map { "\($0.version) (schema \($0.schemaVersion))" }
                ?? output.split(separator: "\n").joined(separator: " ")
            throw StepFailure(
                command: "paas version --format json",
                output: "expected \(expected.version) (schema \(expected.schemaVersion)), it says \(got)")
        }
        if FileManager.default.isExecutableFile(atPath: status.binDirectory + "/paas-pre-receive") {
            try commands.run("paas-pre-receive", ["--version"])
        }
    }

    /// 7. Lifts the gate and keeps the previous version for `upgrade:rollback`.
    func finish() throws -> String {
        let digest = try? DatabaseCopy.contentDigest(of: root.database)
        Ownership.adoptDatabase(root: root)
        let kept = KeptVersion(
            id: status.id, version: status.from, snapshot: paths.snapshot(status.id), databaseDigest: digest)
        try kept.save(paths)
        Ownership.adopt(paths.kept, root: root)
        try? FileManager.default.removeItem(atPath: paths.gate)
        pruneOtherUpgrades()
        return "deploys allowed again; \(status.from.version) kept for upgrade:rollback"
    }

    /// Removes the folders of older upgrades and this one's unpacked bundle.
    func pruneOtherUpgrades() {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: paths.directory)) ?? [] where name != status.id {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: paths.directory + "/" + name, isDirectory: &isDirectory), isDirectory.boolValue {
                try? fm.removeItem(atPath: paths.directory + "/" + name)
            }
        }
        try? fm.removeItem(atPath: paths.bundle(status.id))
    }
}
