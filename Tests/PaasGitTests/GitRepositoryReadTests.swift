import XCTest

@testable import PaasGit

final class GitRepositoryReadTests: XCTestCase {
    private var fixture: GitFixture!
    private var head = ""

    override func setUpWithError() throws {
        fixture = try GitFixture()
        _ = try GitRepository.createBare(at: fixture.bare)
        try fixture.commitStandardTree()
        let push = try fixture.push()
        XCTAssertTrue(push.succeeded, push.stderrText)
        head = try fixture.git(["rev-parse", "HEAD"])
    }

    override func tearDown() {
        fixture = nil
    }

    func testCommitByIdAndByRefName() throws {
        let repo = try GitRepository.open(at: fixture.bare)
        let byID = try repo.commit(head)
        XCTAssertEqual(byID.id, head)
        XCTAssertEqual(byID.treeID, try fixture.git(["rev-parse", "HEAD^{tree}"]))
        XCTAssertEqual(byID.summary, "First commit")
        XCTAssertEqual(byID.author, "Ada Tester <ada@example.com>")
        XCTAssertEqual(try repo.commit("main"), byID)
        XCTAssertEqual(try repo.commit("refs/heads/main"), byID)
    }

    func testUnknownCommitThrowsAOneLineError() throws {
        let repo = try GitRepository.open(at: fixture.bare)
        for rev in [String(repeating: "a", count: 40), "no-such-branch"] {
            XCTAssertThrowsError(try repo.commit(rev)) { error in
                let gitError = error as? GitError
                XCTAssertEqual(gitError?.isNotFound, true, "\(error)")
                XCTAssertTrue("\(error)".contains(rev), "\(error)")
                XCTAssertFalse("\(error)".contains("\n"))
            }
        }
        let treeID = try repo.commit(head).treeID
        XCTAssertThrowsError(try repo.commit(treeID)) { error in
            XCTAssertTrue("\(error)".contains("is not a commit"), "\(error)")
        }
    }

    func testTreeIDOfRootAndSubdirectoryMatchesGit() throws {
        let repo = try GitRepository.open(at: fixture.bare)
        let root = try fixture.git(["rev-parse", "HEAD^{tree}"])
        XCTAssertEqual(try repo.treeID(commit: head, path: nil), root)
        XCTAssertEqual(try repo.treeID(commit: head, path: ""), root)
        let api = try fixture.git(["rev-parse", "HEAD:services/api"])
        XCTAssertEqual(try repo.treeID(commit: head, path: "services/api"), api)
        XCTAssertEqual(try repo.treeID(commit: "main", path: "/services/api/"), api)
    }

    func testTreeIDIsNilForMissingPathsFilesAndSymlinks() throws {
        let repo = try GitRepository.open(at: fixture.bare)
        XCTAssertNil(try repo.treeID(commit: head, path: "services/nope"))
        XCTAssertNil(try repo.treeID(commit: head, path: "services/api/Procfile"))
        XCTAssertNil(try repo.treeID(commit: head, path: "services/api/link-to-dir"))
        XCTAssertNil(try repo.treeID(commit: head, path: "vendor/sub"))
        XCTAssertNil(try repo.treeID(commit: head, path: "../services"))
    }

    func testReadFile() throws {
        let repo = try GitRepository.open(at: fixture.bare)
        for (path, file) in GitFixture.files {
            XCTAssertEqual(try repo.readFile(commit: head, path: path), Array(file.content.utf8), path)
        }
        XCTAssertEqual(try repo.readFile(commit: head, path: "empty.txt"), [])
        XCTAssertNil(try repo.readFile(commit: head, path: "Dockerfile"))
        XCTAssertNil(try repo.readFile(commit: head, path: "services/api"))
        XCTAssertNil(try repo.readFile(commit: head, path: "link-to-readme"))
        XCTAssertNil(try repo.readFile(commit: head, path: "vendor/sub"))
        XCTAssertNil(try repo.readFile(commit: head, path: ""))
    }

    func testCreateBareKeepsPushesLooseAndSetConfigWrites() throws {
        let repo = try GitRepository.open(at: fixture.bare)
        XCTAssertEqual(try fixture.git(["config", "receive.unpackLimit"], in: fixture.bare), String(Int32.max))
        try repo.setConfig("paas.app", "my app")
        XCTAssertEqual(try fixture.git(["config", "paas.app"], in: fixture.bare), "my app")
        let packs = try FileManager.default.contentsOfDirectory(atPath: fixture.bare + "/objects/pack")
        XCTAssertEqual(packs.filter { $0.hasSuffix(".pack") }, [], "the push should have been unpacked")
    }

    func testOpenWorksOnARepositoryOwnedByAnotherUser() throws {
        try fixture.run("/usr/bin/chown", ["-R", "nobody", fixture.bare], in: fixture.root)
        XCTAssertEqual(try GitRepository.open(at: fixture.bare).commit("main").id, head)
    }

    func testOpenFailsForAMissingRepository() {
        XCTAssertThrowsError(try GitRepository.open(at: fixture.root + "/nothing.git")) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot open git repository at "), "\(error)")
        }
    }
}
