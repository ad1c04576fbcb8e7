import Foundation
import XCTest

@testable import PaasGit

#if canImport(Glibc)
    import Glibc
#endif

/// Entry points for child processes that other tests start by running this test executable
/// again: inside a real pre-receive hook, and in a fresh process for a clean peak-memory figure.
/// Skipped unless `PAAS_GIT_PROBE` names one; each writes `key=value` lines to `PAAS_GIT_PROBE_OUT`.
final class HelperProcessProbes: XCTestCase {
    private let environment = ProcessInfo.processInfo.environment

    /// Run by a pre-receive hook: reads `old new ref` from stdin and looks at the new commit.
    func testPreReceiveProbe() throws {
        try runProbe("pre-receive") {
            let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            let new = String(input.split(separator: " ")[1])
            let cwd = FileManager.default.currentDirectoryPath
            var report = ["quarantine-env=\(environment["GIT_QUARANTINE_PATH"] ?? "")"]
            do {
                _ = try GitRepository.open(at: cwd, environment: [:]).commit(new)
                report.append("plain=found")
            } catch {
                report.append("plain=missing")
            }
            let repo = try GitRepository.open(at: environment["GIT_DIR"] ?? cwd)
            let commit = try repo.commit(new)
            report.append("commit=\(commit.id)")
            report.append("api-tree=\(try repo.treeID(commit: new, path: "services/api") ?? "nil")")
            let procfile = try repo.readFile(commit: new, path: "services/api/Procfile") ?? []
            report.append("api-procfile=\(String(decoding: procfile, as: UTF8.self).split(separator: "\n").first ?? "")")
            report.append("archive-bytes=\(try repo.archive(treeID: commit.treeID).readAll(chunk: 65536).count)")
            return report
        }
    }

    /// Archives a tree in a fresh process, discarding the bytes, and reports peak RSS around it.
    func testArchiveMemoryProbe() throws {
        try runProbe("archive-memory") {
            let before = Self.peakRSSKilobytes()
            let repo = try GitRepository.open(at: environment["PAAS_GIT_PROBE_REPO"]!)
            let source = try repo.archive(treeID: environment["PAAS_GIT_PROBE_TREE"]!)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
            defer { buffer.deallocate() }
            var total = 0
            while case let n = try source.read(into: buffer), n > 0 { total += n }
            return ["before-kb=\(before)", "after-kb=\(Self.peakRSSKilobytes())", "bytes=\(total)"]
        }
    }

    /// Reports which of libcurl and libgit2 are mapped at start, then again after opening a repository.
    func testLazyLoadProbe() throws {
        try runProbe("lazy-load") {
            var report = ["start-curl=\(Self.isLoaded("libcurl.so.4"))", "start-git=\(Self.isLoaded("libgit2.so.1.5"))"]
            _ = try GitRepository.createBare(at: environment["PAAS_GIT_PROBE_REPO"]!)
            report.append("opened-git=\(Self.isLoaded("libgit2.so.1.5"))")
            return report
        }
    }

    /// Run where libgit2 cannot be loaded: reports the error opening a repository gives.
    func testMissingLibraryProbe() throws {
        try runProbe("missing-libgit2") {
            do {
                _ = try GitRepository.open(at: environment["PAAS_GIT_PROBE_REPO"]!)
                return ["opened=yes"]
            } catch {
                return ["message=\(error)"]
            }
        }
    }

    private func runProbe(_ name: String, _ body: () throws -> [String]) throws {
        guard environment["PAAS_GIT_PROBE"] == name, let out = environment["PAAS_GIT_PROBE_OUT"] else {
            throw XCTSkip("helper for a child process; runs only when PAAS_GIT_PROBE=\(name)")
        }
        var report: [String]
        do { report = try body() } catch { report = ["error=\(error)"] }
        try Data((report.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: out))
    }

    /// True when the shared object `soname` is already loaded in this process (`RTLD_NOLOAD`
    /// only looks; it never loads).
    static func isLoaded(_ soname: String) -> Bool {
        dlopen(soname, RTLD_NOW | RTLD_NOLOAD) != nil
    }

    /// This process's peak resident set size so far (Linux reports kilobytes).
    static func peakRSSKilobytes() -> Int {
        // VmHWM is this process's own peak since exec. getrusage's ru_maxrss is not: it also
        // keeps the peak of the memory image before exec, a copy of the forking test runner's,
        // which under a long suite can be larger than anything the probe does (a flaky probe).
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") ?? 0
        }
        return 0
    }
}

/// Reads a probe's `key=value` report.
func readProbeReport(_ path: String) throws -> [String: String] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var report: [String: String] = [:]
    for line in text.split(separator: "\n") {
        let parts = line.split(separator: "=", maxSplits: 1)
        report[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
    }
    return report
}
