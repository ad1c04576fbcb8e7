import DockerEngine
import Foundation
import PaasSupport
import XCTest

/// `attachContainer` against the real dockerd: stdin in, demultiplexed output out, tty output,
/// refusal and cancellation.
final class AttachTests: XCTestCase {
    private var live: LiveDocker!
    private var docker: DockerClient { live.docker }

    override func setUp() {
        live = LiveDocker()
    }

    override func tearDown() {
        live.cleanUp()
        XCTAssertEqual(try docker.listContainers(labels: ["paas.test": live.id]), [], "containers left behind")
    }

    private func interactive(_ script: String, tty: Bool = false) throws -> String {
        try docker.createContainer(
            name: nil,
            ContainerSpec(
                image: try live.busybox(), cmd: ["sh", "-c", script], labels: live.labels, tty: tty, openStdin: true,
                stdinOnce: true, attachStdin: true))
    }

    func testStdinGoesInAndStdoutAndStderrComeOutApart() throws {
        let id = try interactive("read x; echo got:$x; echo err >&2; exit 3")
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        defer { close(ends[0]) }
        XCTAssertEqual(write(ends[1], "hello\n", 6), 6)
        close(ends[1])

        var stdout = ""
        var stderr = ""
        var started = false
        try docker.attachContainer(
            id, stdin: ends[0], tty: false,
            onOutput: { stream, bytes in
                XCTAssertTrue(started, "output before the container was started")
                if stream == .stdout {
                    stdout += String(decoding: bytes, as: UTF8.self)
                } else {
                    stderr += String(decoding: bytes, as: UTF8.self)
                }
            },
            whenAttached: {
                started = true
                try self.docker.startContainer(id)
            })
        XCTAssertEqual(stdout, "got:hello\n")
        XCTAssertEqual(stderr, "err\n")
        XCTAssertEqual(try docker.waitContainer(id), 3)
    }

    func testStdinWrittenWhileAttachedArrives() throws {
        let id = try interactive("cat; echo done")
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        defer { close(ends[0]) }
        let writer = ends[1]
        var stdout = ""
        try docker.attachContainer(
            id, stdin: ends[0], tty: false, onOutput: { _, bytes in stdout += String(decoding: bytes, as: UTF8.self) },
            whenAttached: {
                try self.docker.startContainer(id)
                DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
                    let text = Array(String(repeating: "0123456789", count: 20_000).utf8) + [10]
                    var sent = 0
                    while sent < text.count {
                        let n = text[sent...].withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
                        if n <= 0 { break }
                        sent += n
                    }
                    close(writer)
                }
            })
        XCTAssertEqual(stdout, String(repeating: "0123456789", count: 20_000) + "\ndone\n")
        XCTAssertEqual(try docker.waitContainer(id), 0)
    }

    func testTtyOutputComesRawAsStdout() throws {
        let id = try docker.createContainer(
            name: nil,
            ContainerSpec(image: try live.busybox(), cmd: ["echo", "hi"], labels: live.labels, tty: true))
        var output = ""
        try docker.attachContainer(
            id, stdin: nil, tty: true,
            onOutput: { stream, bytes in
                XCTAssertEqual(stream, .stdout)
                output += String(decoding: bytes, as: UTF8.self)
            }, whenAttached: { try self.docker.startContainer(id) })
        XCTAssertTrue(output.contains("hi"), output)
        XCTAssertFalse(output.contains("\u{1}"), "a tty stream is not framed: \(output.debugDescription)")
        XCTAssertEqual(try docker.waitContainer(id), 0)
    }

    func testMissingContainerIsAnAPIError() {
        var attached = false
        XCTAssertThrowsError(
            try docker.attachContainer(
                "\(live.id)-missing", stdin: nil, tty: false, onOutput: { _, _ in }, whenAttached: { attached = true })
        ) { error in
            guard case .api(let status, let message) = error as? EngineError else { return XCTFail("\(error)") }
            XCTAssertEqual(status, 404)
            XCTAssertTrue(message.contains("\(live.id)-missing"), message)
        }
        XCTAssertFalse(attached)
        XCTAssertNoThrow(try docker.ping())
    }

    func testCancellationStopsTheAttach() throws {
        let id = try interactive("echo go; sleep 60")
        let cancellation = Cancellation()
        let client = DockerClient(
            transport: CurlTransport(socketPath: DockerClient.socketPath(), cancellation: cancellation))
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        defer { close(ends[0]); close(ends[1]) }
        var seen = ""
        let started = ContinuousClock.now
        XCTAssertThrowsError(
            try client.attachContainer(
                id, stdin: ends[0], tty: false, onOutput: { seen += String(decoding: $1, as: UTF8.self) },
                whenAttached: {
                    try client.startContainer(id)
                    DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { cancellation.cancel("test says stop") }
                })
        ) {
            XCTAssertEqual($0 as? EngineError, .cancelled("test says stop"))
        }
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(5))
        XCTAssertEqual(seen, "go\n")
    }

    func testFakeTransportsSayTheyCannotAttach() {
        struct NoTransport: EngineTransport {
            func perform(_ request: EngineRequest, onChunk: ((UnsafeRawBufferPointer) -> Void)?) throws
                -> EngineResponse
            { EngineResponse(status: 200, body: []) }
        }
        XCTAssertThrowsError(
            try DockerClient(transport: NoTransport()).attachContainer(
                "abc", stdin: nil, tty: false, onOutput: { _, _ in }, whenAttached: {})
        ) {
            XCTAssertEqual("\($0)", "this Docker Engine connection cannot attach to a container (/containers/abc/attach)")
        }
    }
}
