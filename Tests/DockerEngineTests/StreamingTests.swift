import DockerEngine
import PaasSupport
import PaasTestSupport
import XCTest

/// Streamed bodies cut at awkward places: log frames and build progress messages.
final class StreamingTests: XCTestCase {
    private func frame(_ stream: UInt8, _ text: String) -> [UInt8] {
        let payload = Array(text.utf8)
        let n = UInt32(payload.count)
        return [stream, 0, 0, 0, UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + payload
    }

    private func containerJSON(tty: Bool) -> FakeEngineReply {
        FakeEngineReply(body: #"{"Id":"abc","Config":{"Tty":\#(tty)}}"#)
    }

    func testLogFramesAreDemultiplexedAcrossChunkBorders() throws {
        let bytes =
            frame(1, "hello\n") + frame(2, "oops\n") + frame(1, "") + frame(1, String(repeating: "x", count: 300))
        // Cut in every way that matters: inside a header, between header and payload, mid-payload.
        for cuts in [[1], [3, 8, 9], [7, 8, 13, 14, 15], Array(1..<bytes.count)] {
            var chunks: [[UInt8]] = []
            var start = 0
            for cut in cuts + [bytes.count] where cut > start {
                chunks.append(Array(bytes[start..<cut]))
                start = cut
            }
            let fake = FakeEngineTransport()
            fake.on("GET", "/containers/abc/json", containerJSON(tty: false))
            fake.on("GET", "/containers/abc/logs", FakeEngineReply(chunks: chunks))
            var got: [(LogStream, String)] = []
            try DockerClient(transport: fake).containerLogs("abc", follow: false, tail: 10) { stream, data in
                got.append((stream, String(decoding: data, as: UTF8.self)))
            }
            XCTAssertEqual(got.map(\.0), [.stdout, .stderr, .stdout], "cuts \(cuts)")
            XCTAssertEqual(got.map(\.1), ["hello\n", "oops\n", String(repeating: "x", count: 300)], "cuts \(cuts)")
            let logs = fake.requests.last!
            XCTAssertEqual(logs.queryValue("tail"), "10")
            XCTAssertEqual(logs.queryValue("follow"), "0")
        }
    }

    func testTtyLogsArePassedThroughAsStdout() throws {
        let fake = FakeEngineTransport()
        fake.on("GET", "/containers/abc/json", containerJSON(tty: true))
        fake.on("GET", "/containers/abc/logs", FakeEngineReply(chunks: [Array("raw\u{1}te".utf8), Array("xt".utf8)]))
        var got: [UInt8] = []
        try DockerClient(transport: fake).containerLogs("abc", follow: true, tail: nil) { stream, data in
            XCTAssertEqual(stream, .stdout)
            got += data
        }
        XCTAssertEqual(String(decoding: got, as: UTF8.self), "raw\u{1}text")
        XCTAssertEqual(fake.requests.last?.queryValue("tail"), "all")
    }

    func testBuildProgressIsSplitIntoMessagesAcrossChunks() throws {
        let body =
            #"{"stream":"Step 1/2 : FROM base\n"}"# + "\r\n" + #"{"status":"Pulling"}"# + "\r\n"
            + #"{"stream":" ---\u003e abc\n"}"# + "\n" + #"{"aux":{"ID":"sha256:feed"}}"# + "\n"
            + #"{"stream":"Successfully built feed\n"}"#
        let bytes = Array(body.utf8)
        let chunks = stride(from: 0, to: bytes.count, by: 7).map { Array(bytes[$0..<min($0 + 7, bytes.count)]) }
        let fake = FakeEngineTransport()
        fake.on("POST", "/build", FakeEngineReply(chunks: chunks))
        var outputs: [BuildOutput] = []
        let options = BuildOptions(
            tag: "app:1", buildArgs: ["B": "2", "A": "1"], labels: ["paas.app": "x"], noCache: true)
        let id = try DockerClient(transport: fake).buildImage(
            context: DataByteSource(Array("tar".utf8)), options: options
        ) { outputs.append($0) }

        XCTAssertEqual(id, "sha256:feed")
        XCTAssertEqual(
            outputs,
            [
                .stream("Step 1/2 : FROM base\n"), .status("Pulling"), .stream(" ---> abc\n"),
                .stream("Successfully built feed\n"),
            ])
        let request = fake.requests[0]
        XCTAssertTrue(request.streamed)
        XCTAssertEqual(request.bodyText, "tar")
        XCTAssertEqual(request.apiVersion, "v1.41")
        XCTAssertEqual(request.headers["Content-Type"], "application/x-tar")
        XCTAssertEqual(request.queryValue("t"), "app:1")
        XCTAssertEqual(request.queryValue("buildargs"), #"{"A":"1","B":"2"}"#)
        XCTAssertEqual(request.queryValue("labels"), #"{"paas.app":"x"}"#)
        XCTAssertEqual(request.queryValue("nocache"), "1")
    }

    func testBuildErrorMessageThrowsBuildFailed() {
        let fake = FakeEngineTransport()
        fake.on(
            "POST", "/build",
            FakeEngineReply(chunks: [
                Array(#"{"stream":"Step 2/2 : RUN false\n"}"#.utf8)
                    + Array("\n{\"errorDetail\":{\"code\":1,\"mess".utf8),
                Array(#"age":"The command '/bin/sh -c false' returned a non-zero code: 1"},"error":"x"}"#.utf8),
            ]))
        var outputs: [BuildOutput] = []
        XCTAssertThrowsError(
            try DockerClient(transport: fake).buildImage(
                context: DataByteSource([]), options: BuildOptions(tag: "t")
            ) { outputs.append($0) }
        ) { error in
            XCTAssertEqual(
                error as? EngineError, .buildFailed("The command '/bin/sh -c false' returned a non-zero code: 1"))
        }
        XCTAssertEqual(outputs, [.stream("Step 2/2 : RUN false\n")])
    }

    func testBuildWithoutAuxFallsBackToInspectingTheTag() throws {
        let fake = FakeEngineTransport()
        fake.on("POST", "/build", FakeEngineReply(body: #"{"stream":"done\n"}"#))
        fake.on("GET", "/images/app:2/json", FakeEngineReply(body: #"{"Id":"sha256:beef","Config":null}"#))
        let id = try DockerClient(transport: fake).buildImage(
            context: DataByteSource([]), options: BuildOptions(tag: "app:2")
        ) { _ in }
        XCTAssertEqual(id, "sha256:beef")
    }
}
