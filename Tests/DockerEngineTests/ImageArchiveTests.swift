import DockerEngine
import PaasSupport
import PaasTestSupport
import XCTest

/// Image archives: export streams chunks out, load streams a file in and reports what loaded.
final class ImageArchiveTests: XCTestCase {
    func testExportAsksForEveryNameAndStreamsTheArchive() throws {
        let fake = FakeEngineTransport()
        fake.on("GET", "/images/get", FakeEngineReply(chunks: [[1, 2], [3], [4, 5, 6]]))
        var received: [UInt8] = []
        var chunks = 0
        try DockerClient(transport: fake).exportImages(["a:1", "b:2"]) { chunk in
            received += chunk
            chunks += 1
        }
        XCTAssertEqual(received, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(chunks, 3)
        XCTAssertEqual(fake.requests.last?.query.map { "\($0.0)=\($0.1)" }, ["names=a:1", "names=b:2"])
    }

    func testLoadStreamsAFileAndReportsWhatLoaded() throws {
        let dir = try TempDir()
        let archive = try dir.write("image.tar", Array(repeating: 7, count: 200_000))
        let fake = FakeEngineTransport()
        let messages =
            #"{"stream":"Loaded image: paas/busybox:latest\n"}"# + "\n" + #"{"stream":"Loaded image ID: sha256:ab"#
        fake.on("POST", "/images/load", FakeEngineReply(chunks: [Array(messages.utf8), Array(#"cd\n"}"#.utf8)]))
        let loaded = try DockerClient(transport: fake).loadImages(archive: try FileByteSource(path: archive))
        XCTAssertEqual(loaded, ["paas/busybox:latest", "sha256:abcd"])
        let request = try XCTUnwrap(fake.requests.last)
        XCTAssertTrue(request.streamed)
        XCTAssertEqual(request.body, Array(repeating: 7, count: 200_000))
        XCTAssertEqual(request.headers["Content-Type"], "application/x-tar")
    }

    func testLoadFailureCarriesTheEnginesMessage() throws {
        let fake = FakeEngineTransport()
        fake.on("POST", "/images/load", FakeEngineReply(body: #"{"errorDetail":{"message":"unexpected EOF"}}"#))
        XCTAssertThrowsError(try DockerClient(transport: fake).loadImages(archive: DataByteSource([1]))) {
            XCTAssertEqual($0 as? EngineError, .api(status: 500, message: "unexpected EOF"))
        }
    }

    func testAMissingFileSaysWhichFile() {
        XCTAssertThrowsError(try FileByteSource(path: "/nonexistent/image.tar")) {
            XCTAssertEqual("\($0)", "cannot read /nonexistent/image.tar: No such file or directory")
        }
    }
}
