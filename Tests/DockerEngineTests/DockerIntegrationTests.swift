import DockerEngine
import Foundation
import PaasSupport
import Synchronization
import XCTest

/// The client against the real dockerd at /var/run/docker.sock (or DOCKER_HOST).
final class DockerIntegrationTests: XCTestCase {
    private var live: LiveDocker!
    private var docker: DockerClient { live.docker }

    override func setUp() {
        live = LiveDocker()
    }

    override func tearDown() {
        live.cleanUp()
        XCTAssertEqual(try docker.listContainers(labels: ["paas.test": live.id]), [], "containers left behind")
        XCTAssertEqual(try docker.listImages(labels: live.labels), [], "images left behind")
    }

    func testPingAndVersion() throws {
        try docker.ping()
        let version = try docker.version()
        XCTAssertFalse(version.version.isEmpty)
        XCTAssertTrue(version.apiVersion.hasPrefix("1."), version.apiVersion)
    }

    func testConcurrentRequestsShareOneClient() throws {
        let client = docker
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<25 {
                do { try client.ping() } catch { failures.withLock { $0 += 1 } }
            }
        }
        XCTAssertEqual(failures.withLock { $0 }, 0)
    }

    func testBuildRunPublishLogsStopRemove() throws {
        let base = try live.busybox()
        let dockerfile = """
            FROM \(base)
            RUN busybox mkdir -p /www && echo hello-\(live.id) > /www/index.html
            EXPOSE 8000
            CMD ["sh", "-c", "echo started; echo warned >&2; exec httpd -f -p 8000 -h /www"]
            """
        var outputs: [BuildOutput] = []
        let tag = "paas-test/\(live.id):v1"
        let imageID = try docker.buildImage(
            context: try live.tar(files: ["Dockerfile": dockerfile]),
            options: BuildOptions(tag: tag, labels: live.labels)
        ) { outputs.append($0) }
        XCTAssertTrue(imageID.hasPrefix("sha256:"), imageID)
        XCTAssertTrue(
            outputs.contains {
                if case .stream(let s) = $0 { s.hasPrefix("Step 1/") && s.contains("FROM \(base)") } else { false }
            })

        let image = try XCTUnwrap(try docker.inspectImage(tag))
        XCTAssertEqual(image.id, imageID)
        XCTAssertEqual(image.config.exposedPorts, ["8000/tcp"])
        XCTAssertEqual(image.config.labels["paas.test"], live.id)
        XCTAssertFalse(image.config.hasHealthcheck)

        try docker.tagImage(tag, repository: "paas-test/\(live.id)", tag: "v2")
        let listed = try docker.listImages(labels: live.labels)
        XCTAssertEqual(listed.first { $0.id == imageID }?.repoTags.sorted(), [tag, "paas-test/\(live.id):v2"])
        XCTAssertTrue(try docker.removeImage("paas-test/\(live.id):v2"))
        XCTAssertFalse(try docker.removeImage("paas-test/\(live.id):v2"))

        let spec = ContainerSpec(
            image: tag, labels: live.labels, exposedPorts: ["8000/tcp"],
            hostConfig: HostSpec(
                portBindings: ["8000/tcp": [PortBinding(hostIP: "127.0.0.1")]], restartPolicy: "unless-stopped"))
        let id = try docker.createContainer(name: "\(live.id)-web", spec)
        try docker.startContainer(id)

        let running = try XCTUnwrap(try docker.inspectContainer("\(live.id)-web"))
        XCTAssertEqual(running.id, id)
        XCTAssertEqual(running.name, "\(live.id)-web")
        XCTAssertEqual(running.image, imageID)
        XCTAssertTrue(running.state.running)
        XCTAssertEqual(running.config.labels["paas.test"], live.id)
        let port = try XCTUnwrap(running.hostPort(for: "8000/tcp"))
        XCTAssertEqual(running.ports["8000/tcp"]?.first?.hostIP, "127.0.0.1")
        XCTAssertEqual(try live.httpGet(port: port), "hello-\(live.id)\n")

        var stdout = ""
        var stderr = ""
        try docker.containerLogs(id, follow: false, tail: nil) { stream, bytes in
            if stream == .stdout {
                stdout += String(decoding: bytes, as: UTF8.self)
            } else {
                stderr += String(decoding: bytes, as: UTF8.self)
            }
        }
        XCTAssertEqual(stdout, "started\n")
        XCTAssertEqual(stderr, "warned\n")

        XCTAssertEqual(try docker.listContainers(labels: ["paas.test": live.id]).map(\.id), [id])
        XCTAssertEqual(try docker.listContainers(labels: ["paas.test": nil]).filter { $0.id == id }.count, 1)
        XCTAssertEqual(try docker.listContainers(labels: ["paas.test": "other"]).filter { $0.id == id }.count, 0)

        try docker.stopContainer(id, timeout: 1)
        try docker.stopContainer(id, timeout: 1)  // already stopped: 304
        let status = try docker.waitContainer(id)
        let stopped = try XCTUnwrap(try docker.inspectContainer(id))
        XCTAssertFalse(stopped.state.running)
        XCTAssertEqual(stopped.state.exitCode, status)
        try docker.killContainer(id)  // not running: 409 is fine

        try docker.removeContainer(id)
        XCTAssertNil(try docker.inspectContainer(id))
        try docker.removeContainer(id)  // gone: fine
    }

    func testWaitReturnsExitStatusAndFollowedLogsEnd() throws {
        let spec = ContainerSpec(
            image: try live.busybox(), cmd: ["sh", "-c", "echo one; sleep 1; echo two >&2; exit 3"], labels: live.labels
        )
        let id = try docker.createContainer(name: nil, spec)
        try docker.startContainer(id)
        var frames: [(LogStream, String)] = []
        try docker.containerLogs(id, follow: true, tail: nil) {
            frames.append(($0, String(decoding: $1, as: UTF8.self)))
        }
        XCTAssertEqual(frames.map(\.0), [.stdout, .stderr])
        XCTAssertEqual(frames.map(\.1), ["one\n", "two\n"])
        XCTAssertEqual(try docker.waitContainer(id), 3)
        XCTAssertEqual(try docker.inspectContainer(id)?.state.exitCode, 3)
    }

    func testUploadArchiveThenCommit() throws {
        let builder = try docker.createContainer(
            name: nil, ContainerSpec(image: try live.busybox(), cmd: ["sh"], labels: live.labels))
        try docker.uploadArchive(
            to: builder, path: "/", archive: try live.tar(files: ["app/hello.txt": "uploaded \(live.id)\n"]))
        let imageID = try docker.commitContainer(
            builder, repository: "paas-test/\(live.id)-committed", tag: "v1",
            changes: ContainerCommitConfig(
                cmd: ["cat", "/app/hello.txt"], env: ["GREETING=hi"], exposedPorts: ["5000/tcp"], workingDir: "/app",
                labels: live.labels))
        let image = try XCTUnwrap(try docker.inspectImage("paas-test/\(live.id)-committed:v1"))
        XCTAssertEqual(image.id, imageID)
        XCTAssertEqual(image.config.cmd, ["cat", "/app/hello.txt"])
        XCTAssertEqual(image.config.workingDir, "/app")
        XCTAssertEqual(image.config.exposedPorts, ["5000/tcp"])
        XCTAssertTrue(image.config.env.contains("GREETING=hi"))

        let run = try docker.createContainer(name: nil, ContainerSpec(image: imageID, labels: live.labels))
        try docker.startContainer(run)
        XCTAssertEqual(try docker.waitContainer(run), 0)
        var out: [UInt8] = []
        try docker.containerLogs(run, follow: false, tail: 5) { _, bytes in out += bytes }
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "uploaded \(live.id)\n")
    }

    func testFailingBuildStepThrowsBuildFailed() throws {
        let dockerfile = "FROM \(try live.busybox())\nLABEL paas.test=\(live.id)\nRUN echo failing; exit 7\n"
        var text = ""
        XCTAssertThrowsError(
            try docker.buildImage(
                context: try live.tar(files: ["Dockerfile": dockerfile]),
                options: BuildOptions(tag: "paas-test/\(live.id):broken", labels: live.labels)
            ) { if case .stream(let s) = $0 { text += s } }
        ) { error in
            guard case .buildFailed(let message) = error as? EngineError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("non-zero code: 7"), message)
        }
        XCTAssertTrue(text.contains("failing\n"), text)
    }

    func testVolumesByLabel() throws {
        let name = "\(live.id)-data"
        try docker.createVolume(name: name, labels: live.labels)
        XCTAssertEqual(try docker.listVolumes(labels: live.labels), [name])
        try docker.removeVolume(name)
        XCTAssertEqual(try docker.listVolumes(labels: live.labels), [])
        try docker.removeVolume(name)  // gone: fine
    }

    func testCancellationStopsAFollowedLog() throws {
        let id = try docker.createContainer(
            name: nil,
            ContainerSpec(image: try live.busybox(), cmd: ["sh", "-c", "echo go; sleep 60"], labels: live.labels))
        try docker.startContainer(id)
        let cancellation = Cancellation()
        let client = DockerClient(
            transport: CurlTransport(socketPath: DockerClient.socketPath(), cancellation: cancellation))
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { cancellation.cancel("test says stop") }
        let started = ContinuousClock.now
        var seen = ""
        XCTAssertThrowsError(
            try client.containerLogs(id, follow: true, tail: nil) { seen += String(decoding: $1, as: UTF8.self) }
        ) {
            XCTAssertEqual($0 as? EngineError, .cancelled("test says stop"))
        }
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(5))
        XCTAssertEqual(seen, "go\n")
    }

    func testFailingBodySourceAbortsTheUploadWithItsError() throws {
        let id = try docker.createContainer(
            name: nil, ContainerSpec(image: try live.busybox(), cmd: ["sh"], labels: live.labels))
        XCTAssertThrowsError(try docker.uploadArchive(to: id, path: "/", archive: FailingSource())) {
            XCTAssertTrue($0 is FailingSource.Failure, "\($0)")
        }
        try docker.ping()  // the client still works afterwards
    }

    func testUnreachableSocketSaysSo() {
        let path = NSTemporaryDirectory() + "/\(live.id)-no-daemon.sock"
        let client = DockerClient(transport: CurlTransport(socketPath: path, cancellation: nil))
        XCTAssertThrowsError(try client.ping()) { error in
            guard case .unreachable(let socket, _) = error as? EngineError else { return XCTFail("\(error)") }
            XCTAssertEqual(socket, path)
            XCTAssertEqual(
                "\(error)", "cannot reach the Docker daemon at \(path) (no such socket): is dockerd running?")
        }
    }
}

/// Yields some bytes, then fails, as a tar stream whose git read broke would.
private final class FailingSource: ByteSource {
    struct Failure: Error {}
    private var sent = false

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if sent { throw Failure() }
        sent = true
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        return buffer.count
    }
}
