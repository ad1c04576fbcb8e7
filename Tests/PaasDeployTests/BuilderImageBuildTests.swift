import AppSpec
import DockerEngine
import PaasSupport
import XCTest

@testable import PaasDeploy

final class BuilderImageBuildTests: XCTestCase {
    private func build(_ engine: EngineScript, procfile: String? = "web: python3 app.py\n", cancellation: Cancellation = Cancellation())
        throws -> (Result<String, Error>, TestPlatform)
    {
        let t = try TestPlatform(transport: engine)
        let result = Result {
            try BuilderImageBuild(platform: t.platform, cancellation: cancellation).build(
                app: "shop", image: "paas/shop:v3", builder: "paas/builder-python:latest",
                source: DataByteSource(Array("source-tar".utf8)), env: ["SECRET": "it's", "bad-key": "x"],
                procfile: try procfile.map(Procfile.parse), version: 3, deployID: "d42")
        }
        return (result, t)
    }

    func testSuccessUploadsRunsCommitsAndRemoves() throws {
        let engine = EngineScript()
        let (result, t) = try build(engine)
        defer { t.remove() }
        XCTAssertEqual(try result.get(), "sha256:new")
        XCTAssertTrue(engine.removed)
        XCTAssertTrue(t.output.contains("       step one\n       step two\n"), t.output)

        let create = try XCTUnwrap(engine.request("POST /containers/create")).bodyText
        XCTAssertTrue(create.contains(#""paas.role":"builder""#), create)
        XCTAssertTrue(create.contains(#""paas.deploy":"d42""#), create)
        XCTAssertTrue(create.contains(#""Binds":["paas-cache-shop:\/cache"]"#), create)
        XCTAssertFalse(create.contains("docker.sock"), create)
        XCTAssertFalse(create.contains("SECRET"), "config must not be in the container's Env or Cmd: \(create)")

        let uploads = engine.fake.requests.filter { $0.path == "/containers/c1/archive" && $0.method == "PUT" }
        XCTAssertEqual(uploads.map { $0.queryValue("path") }, ["/workspace", "/workspace"])
        XCTAssertEqual(uploads[0].bodyText, "source-tar")
        XCTAssertTrue(uploads[1].bodyText.contains("export SECRET='it'\\''s'"), uploads[1].bodyText)
        XCTAssertFalse(uploads[1].bodyText.contains("bad-key"))

        let order = engine.routes.filter { $0.hasPrefix("PUT") || $0.hasSuffix("/start") }
        XCTAssertEqual(order.last, "POST /containers/c1/start", "upload before start")

        let commit = try XCTUnwrap(engine.request("POST /commit"))
        XCTAssertEqual(commit.queryValue("repo"), "paas/shop")
        XCTAssertEqual(commit.queryValue("tag"), "v3")
        XCTAssertTrue(commit.bodyText.contains(#""Cmd":["\/bin\/sh","-c","python3 app.py"]"#), commit.bodyText)
        XCTAssertTrue(commit.bodyText.contains("PYTHONUNBUFFERED=1"), commit.bodyText)
        XCTAssertTrue(commit.bodyText.contains(#""paas.role":"app""#), commit.bodyText)
        XCTAssertFalse(commit.bodyText.contains("SECRET"))
    }

    func testWithoutProcfileTheBuilderStartCommandRuns() throws {
        let engine = EngineScript()
        let (result, t) = try build(engine, procfile: nil)
        defer { t.remove() }
        _ = try result.get()
        let body = try XCTUnwrap(engine.request("POST /commit")).bodyText
        XCTAssertTrue(body.contains("builder") && body.contains("start"), body)
    }

    func testABuilderThatLeavesTheConfigFileFailsAndCommitsNothing() throws {
        let engine = EngineScript(envFileLeft: true)
        let (result, t) = try build(engine)
        defer { t.remove() }
        XCTAssertThrowsError(try result.get()) { error in
            XCTAssertTrue("\(error)".contains("left the build-time config file in place"), "\(error)")
        }
        let stat = try XCTUnwrap(engine.fake.requests.first { $0.method == "HEAD" })
        XCTAssertEqual(stat.queryValue("path"), "/workspace/.paas-build-env")
        XCTAssertNil(engine.request("POST /commit"), "no image is committed")
        XCTAssertTrue(engine.removed)
    }

    func testBuildContainersGetMemoryPidsAndLogLimits() throws {
        let engine = EngineScript()
        let (result, t) = try build(engine)
        defer { t.remove() }
        _ = try result.get()
        let create = try XCTUnwrap(engine.request("POST /containers/create")).bodyText
        for part in [#""Memory":1073741824"#, #""MemorySwap":1073741824"#, #""PidsLimit":1024"#, #""max-size":"10m""#] {
            XCTAssertTrue(create.contains(part), "\(part) in \(create)")
        }
        XCTAssertFalse(create.contains("NetworkMode"), "builds keep the default network: \(create)")
    }

    func testFailingBuildIsRemovedAndReportsStatus() throws {
        let engine = EngineScript(status: 2)
        let (result, t) = try build(engine)
        defer { t.remove() }
        XCTAssertThrowsError(try result.get()) { error in
            XCTAssertEqual("\(error)", "build of shop failed: the builder exited with status 2")
        }
        XCTAssertTrue(engine.removed)
        XCTAssertNil(engine.request("POST /commit"))
    }

    func testCancelledWhileStreamingIsRemoved() throws {
        let cancellation = Cancellation()
        let engine = EngineScript(cancelAt: "/logs", cancellation: cancellation)
        let (result, t) = try build(engine, cancellation: cancellation)
        defer { t.remove() }
        XCTAssertThrowsError(try result.get())
        XCTAssertTrue(engine.removed)
        XCTAssertNil(engine.request("POST /commit"))
    }

    func testCancelledBeforeStartNeverStarts() throws {
        let cancellation = Cancellation()
        let engine = EngineScript(cancelAt: "/archive", cancellation: cancellation)
        let (result, t) = try build(engine, cancellation: cancellation)
        defer { t.remove() }
        XCTAssertThrowsError(try result.get())
        XCTAssertTrue(engine.removed)
        XCTAssertFalse(engine.routes.contains("POST /containers/c1/start"))
    }

    func testMissingBuilderImageIsOneClearLine() throws {
        let t = try TestPlatform(transport: FakeEngineTransportNotFound())
        defer { t.remove() }
        XCTAssertThrowsError(
            try BuilderImageBuild(platform: t.platform, cancellation: Cancellation()).build(
                app: "shop", image: "paas/shop:v1", builder: "nope:1", source: DataByteSource([]), env: [:],
                procfile: nil, version: 1, deployID: "d")
        ) { error in
            XCTAssertEqual(
                "\(error)",
                "builder image nope:1 is not on this host: make it with scripts/make-builder-image.sh or set another with builder:set APP image REF")
        }
    }

    func testNoWorkspaceInTheBuilderIsExplained() throws {
        final class NoWorkspace: EngineTransport {
            let inner = EngineScript()
            func perform(_ r: EngineRequest, onChunk: ((UnsafeRawBufferPointer) -> Void)?) throws -> EngineResponse {
                if r.method == "PUT" { _ = try inner.perform(r, onChunk: nil); return EngineResponse(status: 404, body: Array(#"{"message":"Could not find the file /workspace"}"#.utf8)) }
                return try inner.perform(r, onChunk: onChunk)
            }
        }
        let transport = NoWorkspace()
        let t = try TestPlatform(transport: transport)
        defer { t.remove() }
        XCTAssertThrowsError(
            try BuilderImageBuild(platform: t.platform, cancellation: Cancellation()).build(
                app: "shop", image: "paas/shop:v1", builder: "b:1", source: DataByteSource([]), env: [:],
                procfile: nil, version: 1, deployID: "d")
        ) { error in
            XCTAssertEqual("\(error)", "builder image b:1 has no /workspace directory to build in (see docs/builders.md)")
        }
        XCTAssertTrue(transport.inner.removed)
    }

    func testImageSplitsIntoRepositoryAndTag() {
        XCTAssertTrue(BuilderImageBuild.split("paas/app:v3") == ("paas/app", "v3"))
        XCTAssertTrue(BuilderImageBuild.split("localhost:5000/app") == ("localhost:5000/app", "latest"))
    }

    func testContractReadsLabelsAndCmd() throws {
        var config = ImageInspect.Config(cmd: ["/bin/build"], env: ["PATH=/bin", "A=1"], labels: ["paas.builder.env": "A=2\nB=3"])
        var contract = try BuilderContract(ref: "b", image: ImageInspect(id: "x", config: config))
        XCTAssertEqual(contract.buildCommand, ["/bin/build"])
        XCTAssertEqual(contract.runtimeEnv, ["PATH=/bin", "A=2", "B=3"])
        XCTAssertNil(contract.appCommand(procfile: nil, firstProcess: nil))
        XCTAssertEqual(contract.appCommand(procfile: nil, firstProcess: "work"), ["/bin/sh", "-c", "work"])
        config.labels[BuilderContract.buildLabel] = "/builder/build"
        config.labels[BuilderContract.startLabel] = "/builder/start"
        contract = try BuilderContract(ref: "b", image: ImageInspect(id: "x", config: config))
        XCTAssertEqual(contract.buildCommand, ["/builder/build"])
        XCTAssertEqual(contract.appCommand(procfile: nil, firstProcess: "work"), ["/bin/sh", "-c", "/builder/start"])
        XCTAssertEqual(contract.appCommand(procfile: "web", firstProcess: "work"), ["/bin/sh", "-c", "web"])
        XCTAssertThrowsError(try BuilderContract(ref: "b", image: ImageInspect(id: "x"))) { error in
            XCTAssertEqual(error as? BuilderError, .noBuildCommand("b"))
        }
    }

    func testSingleFileTarHasAValidChecksum() {
        let tar = SingleFileTar.make(name: ".paas-build-env", contents: Array("abc".utf8), mode: 0o600)
        XCTAssertEqual(tar.count, 512 * 4)
        var header = Array(tar[0..<512])
        let stored = Int(String(decoding: header[148..<154], as: UTF8.self), radix: 8)
        for i in 148..<156 { header[i] = 0x20 }
        XCTAssertEqual(stored, header.reduce(0) { $0 + Int($1) })
        XCTAssertEqual(Array(tar[512..<515]), Array("abc".utf8))
    }
}

/// An engine that has nothing: every request is a 404.
final class FakeEngineTransportNotFound: EngineTransport {
    func perform(_ request: EngineRequest, onChunk: ((UnsafeRawBufferPointer) -> Void)?) throws -> EngineResponse {
        EngineResponse(status: 404, body: Array(#"{"message":"not found"}"#.utf8))
    }
}
