import Foundation
import PaasSupport

/// Unpacks a release bundle and checks it before anything is installed: every file against
/// `SHA256SUMS`, the manifest, and that its `paas` starts on this host and says the version the
/// manifest says.
public struct BundleReader {
    let runner: any ProcessRunner

    public init(runner: any ProcessRunner = PosixProcessRunner(cancellation: nil)) { self.runner = runner }

    /// Unpacks `tarball` (a .tar.gz) into the empty folder `directory`; returns the checked bundle.
    public func open(tarball: String, into directory: String) throws -> VerifiedBundle {
        let unpacked = try run("/bin/tar", ["-xzf", tarball, "-C", directory, "--no-same-owner"])
        guard unpacked.succeeded else { throw BundleError.unreadable(Self.lastLine(unpacked)) }
        let top = try Self.top(of: directory)
        try verifyChecksums(in: top)
        let manifest = try Self.manifest(in: top)
        try Self.checkLayout(manifest, in: top)
        try checkRuns(top + "/bin/paas", expected: manifest)
        return VerifiedBundle(directory: top, manifest: manifest)
    }

    /// The bundle's top folder: `directory` itself, or its one subfolder holding manifest.json.
    static func top(of directory: String) throws -> String {
        let fm = FileManager.default
        if fm.fileExists(atPath: directory + "/manifest.json") { return directory }
        let entries = (try? fm.contentsOfDirectory(atPath: directory)) ?? []
        if entries.count == 1, fm.fileExists(atPath: directory + "/" + entries[0] + "/manifest.json") {
            return directory + "/" + entries[0]
        }
        throw BundleError.unreadable("it holds no manifest.json")
    }

    func verifyChecksums(in top: String) throws {
        guard let sums = try? String(contentsOfFile: top + "/SHA256SUMS", encoding: .utf8) else {
            throw BundleError.checksums("there is no SHA256SUMS file")
        }
        let listed = Set(
            sums.split(separator: "\n").compactMap { line -> String? in
                let parts = line.split(separator: " ", maxSplits: 1)
                guard parts.count == 2 else { return nil }
                var name = String(parts[1]).trimmingCharacters(in: .whitespaces)
                if name.hasPrefix("*") { name.removeFirst() }
                if name.hasPrefix("./") { name.removeFirst(2) }
                return name
            })
        let present = Set(Self.regularFiles(under: top)).subtracting(["SHA256SUMS"])
        if let extra = present.subtracting(listed).sorted().first {
            throw BundleError.checksums("\(extra) is not listed")
        }
        let result = try run("/usr/bin/sha256sum", ["--check", "--strict", "--quiet", "SHA256SUMS"], in: top)
        guard result.succeeded else { throw BundleError.checksums(Self.lastLine(result)) }
    }

    static func manifest(in top: String) throws -> BundleManifest {
        guard let data = FileManager.default.contents(atPath: top + "/manifest.json") else {
            throw BundleError.manifest("cannot read it")
        }
        let manifest: BundleManifest
        do {
            manifest = try JSONDecoder().decode(BundleManifest.self, from: data)
        } catch {
            throw BundleError.manifest("\(error)")
        }
        guard manifest.format == BundleManifest.currentFormat else {
            throw BundleError.manifest(
                "format \(manifest.format); this paas reads format \(BundleManifest.currentFormat)")
        }
        for version in [manifest.version, manifest.minimumVersion] where ReleaseVersion(version) == nil {
            throw BundleError.badVersion(version)
        }
        return manifest
    }

    static func checkLayout(_ manifest: BundleManifest, in top: String) throws {
        let fm = FileManager.default
        for name in BundleManifest.requiredBinaries where !manifest.binaries.contains(name) {
            throw BundleError.manifest("binaries must include \(name)")
        }
        for name in manifest.binaries {
            let path = top + "/bin/" + name
            let usable = name.hasSuffix(".json") ? fm.fileExists(atPath: path) : fm.isExecutableFile(atPath: path)
            guard !name.contains("/"), usable else {
                throw BundleError.manifest("bin/\(name) is missing or not executable")
            }
        }
        for name in manifest.plugins {
            guard !name.contains("/"), fm.fileExists(atPath: top + "/plugins/" + name + "/plugin.json") else {
                throw BundleError.manifest("plugins/\(name) has no plugin.json")
            }
        }
        for name in manifest.migrations {
            guard !name.contains("/"), fm.fileExists(atPath: top + "/migrations/" + name) else {
                throw BundleError.manifest("migrations/\(name) is missing")
            }
        }
    }

    func checkRuns(_ paas: String, expected manifest: BundleManifest) throws {
        let command = "\(paas) version --format json"
        let result: ProcessResult
        do {
            result = try run(paas, ["version", "--format", "json"])
        } catch {
            throw BundleError.binaryDoesNotRun(command: command, output: "\(error)")
        }
        guard result.succeeded else {
            throw BundleError.binaryDoesNotRun(command: command, output: Self.lastLine(result))
        }
        guard let report = try? JSONDecoder().decode(VersionReport.self, from: Data(result.stdout)) else {
            throw BundleError.binaryDoesNotRun(command: command, output: Self.lastLine(result))
        }
        guard report == VersionReport(version: manifest.version, schemaVersion: manifest.schemaVersion) else {
            throw BundleError.manifest(
                "it says \(manifest.version) (schema \(manifest.schemaVersion)) but its paas says "
                    + "\(report.version) (schema \(report.schemaVersion))")
        }
    }

    private func run(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> ProcessResult {
        try runner.run(
            ProcessSpec(
                executable: executable, arguments: arguments, workingDirectory: directory,
                stdout: .capture(limit: 64 * 1024), stderr: .capture(limit: 64 * 1024), timeout: .seconds(120)))
    }

    static func lastLine(_ result: ProcessResult) -> String {
        let text = (result.stderrText + "\n" + result.stdoutText).split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return text.last ?? "\(result.status)"
    }

    static func regularFiles(under top: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: top) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = top + "/" + relative
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            if attributes?[.type] as? FileAttributeType == .typeSymbolicLink { files.append(relative); continue }
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(relative)
            }
        }
        return files
    }
}

/// A bundle whose files, manifest and `paas` were checked.
public struct VerifiedBundle: Sendable {
    /// The folder holding manifest.json, bin/, plugins/ and migrations/.
    public let directory: String
    public let manifest: BundleManifest
}
