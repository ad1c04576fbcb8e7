import Foundation
import PaasSupport
import PaasTestSupport
import PaasUpgrade
import XCTest

/// The checks `paas upgrade` makes before it starts anything, on bundles made by hand.
final class BundleReaderTests: XCTestCase {
    /// A bundle folder with a `paas` that prints `version` JSON, packed as a .tar.gz.
    private func makeBundle(
        in dir: TempDir, version: String = "0.2.0", says: String = "0.2.0", extra: String? = nil, tamper: Bool = false
    ) throws -> String {
        let top = try dir.directory("src/paas-\(version)")
        try dir.write(
            "src/paas-\(version)/bin/paas", "#!/bin/sh\necho '{\"version\": \"\(says)\", \"schemaVersion\": 3}'\n",
            mode: 0o755)
        try dir.write("src/paas-\(version)/bin/paas-pre-receive", "#!/bin/sh\n", mode: 0o755)
        try dir.write(
            "src/paas-\(version)/manifest.json",
            """
            {"format": 1, "version": "\(version)", "schemaVersion": 3, "minimumVersion": "0.1.0",
             "binaries": ["paas", "paas-pre-receive"], "plugins": [], "migrations": []}
            """)
        try Run.checked(
            "/bin/sh",
            ["-c", "cd \"$1\" && sha256sum manifest.json bin/paas bin/paas-pre-receive > SHA256SUMS", "sh", top])
        if let extra { try dir.write("src/paas-\(version)/\(extra)", "not listed\n") }
        if tamper { try dir.write("src/paas-\(version)/bin/paas-pre-receive", "#!/bin/sh\nexit 1\n", mode: 0o755) }
        try Run.checked("tar", ["-czf", dir.file("bundle.tar.gz"), "-C", dir.file("src"), "paas-\(version)"])
        return dir.file("bundle.tar.gz")
    }

    private func open(_ tarball: String, _ dir: TempDir) throws -> VerifiedBundle {
        try BundleReader().open(tarball: tarball, into: try dir.directory("out"))
    }

    func testAGoodBundleIsRead() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let bundle = try open(try makeBundle(in: dir), dir)
        XCTAssertEqual(bundle.manifest.version, "0.2.0")
        XCTAssertEqual(bundle.manifest.schemaVersion, 3)
        XCTAssertTrue(bundle.directory.hasSuffix("/paas-0.2.0"))
    }

    func testATamperedFileFailsTheChecksums() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        XCTAssertThrowsError(try open(try makeBundle(in: dir, tamper: true), dir)) {
            XCTAssertTrue("\($0)".contains("SHA256SUMS do not match"), "\($0)")
        }
    }

    func testAnUnlistedFileIsRefused() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        XCTAssertThrowsError(try open(try makeBundle(in: dir, extra: "bin/extra"), dir)) {
            XCTAssertTrue("\($0)".contains("bin/extra is not listed"), "\($0)")
        }
    }

    func testABinaryThatSaysAnotherVersionIsRefused() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        XCTAssertThrowsError(try open(try makeBundle(in: dir, says: "0.1.9"), dir)) {
            XCTAssertTrue("\($0)".contains("its paas says 0.1.9"), "\($0)")
        }
    }

    func testSomethingThatIsNoBundleIsRefused() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("junk.tar.gz", "hello\n")
        XCTAssertThrowsError(try open(dir.file("junk.tar.gz"), dir)) {
            XCTAssertTrue("\($0)".hasPrefix("cannot unpack the bundle"), "\($0)")
        }
    }
}
