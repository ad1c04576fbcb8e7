import XCTest

@testable import PaasGit

/// `readFile` refuses a file over its limit by the size in the object header, before reading it.
final class ReadFileLimitTests: XCTestCase {
    func testAFileOverTheLimitIsRefusedAndOneAtTheLimitIsRead() throws {
        let fixture = try GitFixture()
        _ = try GitRepository.createBare(at: fixture.bare)
        try fixture.write("Procfile", String(repeating: "x", count: 1 << 20) + "y")
        try fixture.write("app.json", String(repeating: " ", count: 1 << 20))
        _ = try fixture.git(["add", "-A"])
        _ = try fixture.git(["commit", "-q", "-m", "big files"])
        XCTAssertTrue(try fixture.push().succeeded)
        let repo = try GitRepository.open(at: fixture.bare)

        XCTAssertThrowsError(try repo.readFile(commit: "main", path: "Procfile")) { error in
            XCTAssertEqual(error as? FileTooLarge, FileTooLarge(path: "Procfile", size: (1 << 20) + 1, limit: 1 << 20))
            XCTAssertEqual(
                "\(error)", "Procfile is 1048577 bytes; at most 1048576 bytes (1 MiB) is read, so push a smaller file")
        }
        XCTAssertEqual(try repo.readFile(commit: "main", path: "app.json")?.count, 1 << 20)
        XCTAssertThrowsError(try repo.readFile(commit: "main", path: "app.json", limit: 100))
    }
}
