import DockerEngine
import Foundation
import PaasDeploy
import PaasStore
import PaasSupport

#if canImport(Glibc)
    import Glibc
#endif

/// What `paas upgrade` and `paas upgrade:rollback` do before handing over: check the bundle
/// (or the kept version), put up the gate, and start the helper container.
public struct UpgradeStarter {
    let root: StateRoot
    let paths: UpgradePaths
    let docker: DockerClient
    let labels: [String: String]
    let runner: any ProcessRunner

    public init(
        root: StateRoot, docker: DockerClient, labels: [String: String],
        runner: any ProcessRunner = PosixProcessRunner(cancellation: nil)
    ) {
        self.root = root
        self.paths = UpgradePaths(root: root)
        self.docker = docker
        self.labels = labels
        self.runner = runner
    }

    /// The version and schema of the running binary.
    public static var installed: VersionReport {
        VersionReport(
            version: PaasVersion.current, schemaVersion: ReleaseStamp.beside.schemaVersion ?? Store.schemaVersion)
    }

    /// Checks the bundle and starts the helper; returns the pending status.
    public func upgrade(_ input: BundleInput, allowDowngrade: Bool) throws -> UpgradeStatus {
        try refuseWhileUnfinished()
        let id = UpgradeID.make()
        let work = paths.work(id)
        try FileManager.default.createDirectory(atPath: paths.bundle(id), withIntermediateDirectories: true)
        do {
            var tarball = work + "/bundle.tar.gz"
            switch input {
            case .file(let path) where FileManager.default.isReadableFile(atPath: path): tarball = path
            default: try input.copy(to: tarball)
            }
            let bundle = try BundleReader(runner: runner).open(tarball: tarball, into: paths.bundle(id))
            try? FileManager.default.removeItem(atPath: work + "/bundle.tar.gz")
            try UpgradePolicy.check(installed: Self.installed, bundle: bundle.manifest, allowDowngrade: allowDowngrade)
            let to = VersionReport(version: bundle.manifest.version, schemaVersion: bundle.manifest.schemaVersion)
            let status = UpgradeStatus(
                id: id, kind: .upgrade, from: Self.installed, to: to, binDirectory: Executable.directory,
                source: bundle.directory,
                migrations: bundle.manifest.migrations.isEmpty ? nil : bundle.directory + "/migrations",
                restoreDatabase: nil, helper: "paas-upgrade-" + id)
            return try launch(status)
        } catch {
            try? FileManager.default.removeItem(atPath: work)
            throw error
        }
    }

    /// Starts the helper that goes back to the kept version; returns the pending status.
    ///
    /// Going back to an older schema restores the database kept at the upgrade; when the
    /// database changed since, that loses the changes, and happens only with `discardChanges`.
    public func rollback(discardChanges: Bool = false) throws -> UpgradeStatus {
        try refuseWhileUnfinished()
        guard let kept = KeptVersion.load(paths), FileManager.default.fileExists(atPath: kept.snapshot + "/bin") else {
            throw UpgradeError.nothingKept
        }
        let id = UpgradeID.make()
        let from = Self.installed
        // An older schema cannot read what newer migrations made: its own database comes back.
        let restore = kept.version.schemaVersion < from.schemaVersion ? kept.snapshot : nil
        if restore != nil, !discardChanges, try DatabaseCopy.contentDigest(of: root.database) != kept.databaseDigest {
            throw UpgradeError.databaseChanged(version: kept.version.version, schema: kept.version.schemaVersion)
        }
        let status = UpgradeStatus(
            id: id, kind: .rollback, from: from, to: kept.version, binDirectory: Executable.directory,
            source: kept.snapshot, migrations: nil, restoreDatabase: restore, helper: "paas-upgrade-" + id)
        try FileManager.default.createDirectory(atPath: paths.work(id), withIntermediateDirectories: true)
        do {
            return try launch(status)
        } catch {
            try? FileManager.default.removeItem(atPath: paths.work(id))
            throw error
        }
    }

    private func refuseWhileUnfinished() throws {
        if let gate = UpgradeGate.current(root) { throw UpgradeError.inProgress(id: gate.id, version: gate.version) }
    }

    /// Puts up the gate (exclusively: one upgrade at a time), writes the status, starts the helper.
    private func launch(_ initial: UpgradeStatus) throws -> UpgradeStatus {
        var status = initial
        try FileTree.copy(from: Executable.path, to: paths.orchestrator(status.id))
        let gate = UpgradeGate(id: status.id, version: status.to.version, kind: status.kind.rawValue)
        let fd = open(paths.gate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let current = UpgradeGate.current(root)
            throw UpgradeError.inProgress(id: current?.id ?? "?", version: current?.version ?? "?")
        }
        let data = try JSONEncoder().encode(gate)
        _ = data.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        close(fd)
        let file = StatusFile(paths: paths)
        try file.save(status)
        file.log(
            status.id, "\(status.kind.rawValue) \(status.id) requested: \(status.from.version) -> \(status.to.version)")
        do {
            try HelperContainer(docker: docker, settings: try UpgradeSettings.load(root), labels: labels)
                .start(name: status.helper, id: status.id, orchestrator: paths.orchestrator(status.id), root: root)
        } catch {
            status.state = .rolledBack
            status.failure = UpgradeStatus.Failure(
                step: 0, name: "start the helper", command: "POST /containers/create \(status.helper)",
                output: "\(error)")
            status.finished = Date()
            try? file.save(status)
            try? FileManager.default.removeItem(atPath: paths.gate)
            throw error
        }
        return status
    }
}
