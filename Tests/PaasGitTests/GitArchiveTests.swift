import Foundation
import XCTest

@testable import PaasGit

final class GitArchiveTests: XCTestCase {
    private var fixture: GitFixture!

    override func setUpWithError() throws {
        fixture = try GitFixture()
        _ = try GitRepository.createBare(at: fixture.bare)
        try fixture.commitStandardTree()
        XCTAssertTrue(try fixture.push().succeeded)
    }

    override func tearDown() {
        fixture = nil
    }

    func testArchiveExtractsToTheSameTree() throws {
        let repo = try GitRepository.open(at: fixture.bare)
        let tree = try repo.commit("main").treeID
        let out = try extract(try repo.archive(treeID: tree).readAll(chunk: 64 * 1024))

        for (path, file) in GitFixture.files {
            let full = out + "/" + path
            XCTAssertEqual(FileManager.default.contents(atPath: full), Data(file.content.utf8), path)
            XCTAssertEqual(try permissions(full), file.mode, path)
        }
        for (path, target) in GitFixture.symlinks {
            XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: out + "/" + path), target, path)
        }
        XCTAssertGreaterThan((GitFixture.longDirectory + "/and-finally-the-file-itself.txt").utf8.count, 100)
        XCTAssertGreaterThan(GitFixture.longLinkTarget.utf8.count, 100)

        var expected = Set(GitFixture.files.keys).union(GitFixture.symlinks.keys)
        for path in expected {
            var parent = (path as NSString).deletingLastPathComponent
            while !parent.isEmpty {
                expected.insert(parent)
                parent = (parent as NSString).deletingLastPathComponent
            }
        }
        expected.insert("vendor")  // the tree that holds the submodule stays, empty
        let found = try FileManager.default.subpathsOfDirectory(atPath: out)
        XCTAssertEqual(Set(found), expected, "no submodule entry, nothing extra, nothing missing")
        XCTAssertFalse(found.contains("vendor/sub"))
        XCTAssertEqual(try permissions(out + "/services/api"), 0o755)
    }

    func testArchiveOfASubtreeHoldsOnlyThatDirectory() throws {
        let repo = try GitRepository.open(at: fixture.bare)
        let api = try XCTUnwrap(try repo.treeID(commit: "main", path: "services/api"))
        let out = try extract(try repo.archive(treeID: api).readAll(chunk: 4096))
        XCTAssertEqual(
            Set(try FileManager.default.subpathsOfDirectory(atPath: out)),
            ["Procfile", "app.json", "src", "src/main.py", "link-to-dir"])
    }

    func testArchiveIsDeterministicWhateverTheReadSize() throws {
        let repo = try GitRepository.open(at: fixture.bare)
        let tree = try repo.commit("main").treeID
        let big = try repo.archive(treeID: tree).readAll(chunk: 1 << 20)
        let tiny = try repo.archive(treeID: tree).readAll(chunk: 7)
        XCTAssertEqual(big, tiny)
        XCTAssertEqual(big.count % 512, 0)
        XCTAssertEqual(big.suffix(1024), [UInt8](repeating: 0, count: 1024)[...])
    }

    func testArchiveStreamsPackedBlobsToo() throws {
        try fixture.git(["repack", "-a", "-d", "-q"], in: fixture.bare)
        let repo = try GitRepository.open(at: fixture.bare)
        let tree = try repo.commit("main").treeID
        let out = try extract(try repo.archive(treeID: tree).readAll(chunk: 1000))
        for (path, file) in GitFixture.files {
            XCTAssertEqual(FileManager.default.contents(atPath: out + "/" + path), Data(file.content.utf8), path)
        }
    }

    func testBigBinaryFileSurvivesTheRoundTrip() throws {
        try fixture.run("/bin/sh", ["-c", "head -c 3000000 /dev/urandom > blob.bin"], in: fixture.work)
        try fixture.git(["add", "blob.bin"])
        try fixture.git(["commit", "-q", "-m", "binary"])
        XCTAssertTrue(try fixture.push().succeeded)
        let repo = try GitRepository.open(at: fixture.bare)
        let tree = try repo.commit("main").treeID
        for chunk in [4093, 1 << 20] {
            let out = try extract(try repo.archive(treeID: tree).readAll(chunk: chunk))
            XCTAssertEqual(
                FileManager.default.contents(atPath: out + "/blob.bin"),
                FileManager.default.contents(atPath: fixture.work + "/blob.bin"))
        }
    }

    func testArchiveRejectsBadTreeIDs() throws {
        let repo = try GitRepository.open(at: fixture.bare)
        XCTAssertThrowsError(try repo.archive(treeID: "main"))
        XCTAssertThrowsError(try repo.archive(treeID: String(repeating: "b", count: 40))) { error in
            XCTAssertEqual((error as? GitError)?.isNotFound, true, "\(error)")
        }
        let commit = try repo.commit("main").id
        XCTAssertThrowsError(try repo.archive(treeID: commit))
    }

    // MARK: - Helpers

    private func extract(_ archive: [UInt8]) throws -> String {
        let tarFile = fixture.root + "/archive-\(UUID().uuidString).tar"
        let out = fixture.root + "/out-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data(archive).write(to: URL(fileURLWithPath: tarFile))
        try fixture.run("/usr/bin/tar", ["-x", "-p", "-f", tarFile, "-C", out], in: fixture.root)
        return out
    }

    private func permissions(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as! NSNumber).intValue
    }
}
