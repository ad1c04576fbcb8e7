import DockerEngine
import Foundation
import PaasStore
import PaasSupport
import PaasTestSupport
import Synchronization

@testable import PaasDeploy

/// A fake Docker Engine for one container's life (builder or task): answers image inspect,
/// volume, network and container calls, streams `logs` as the container's output, and can fail,
/// hang until killed, leave the build-time config file behind, or trip a cancellation at a
/// chosen call.
final class EngineScript: EngineTransport {
    let fake: FakeEngineTransport
    /// Requests whose "METHOD path" ends with this throw `EngineError.cancelled` (after
    /// setting `cancellation`).
    let cancelAt: String?
    let cancellation: Cancellation?
    /// When true, the logs request blocks until the container is killed (a task that hangs).
    let hang: Bool
    private let killed = DispatchSemaphore(value: 0)

    init(
        image: String = #"{"Id":"sha256:b","Config":{"Cmd":["/builder/build"],"Env":["PATH=/bin"],"Labels":{"paas.builder.start":"/builder/start","paas.builder.env":"PYTHONUNBUFFERED=1"}}}"#,
        output: String = "step one\nstep two\n", status: Int = 0, cancelAt: String? = nil,
        cancellation: Cancellation? = nil, hang: Bool = false, envFileLeft: Bool = false
    ) {
        self.cancelAt = cancelAt
        self.cancellation = cancellation
        self.hang = hang
        fake = FakeEngineTransport { r in
            let route = "\(r.method) \(r.path)"
            switch true {
            case route.hasPrefix("GET /images/"): return FakeEngineReply(body: image)
            case route == "POST /volumes/create" || route == "POST /networks/create":
                return FakeEngineReply(status: 201, body: "{}")
            case r.method == "HEAD" && route.hasSuffix("/archive"): return FakeEngineReply(status: envFileLeft ? 200 : 404)
            case route == "POST /containers/create": return FakeEngineReply(status: 201, body: #"{"Id":"c1"}"#)
            case route == "GET /containers/c1/json": return FakeEngineReply(body: #"{"Id":"c1","Config":{"Tty":false}}"#)
            case route == "GET /containers/c1/logs": return FakeEngineReply(chunks: [EngineScript.frame(1, output)])
            case route == "POST /containers/c1/wait": return FakeEngineReply(body: #"{"StatusCode":\#(status)}"#)
            case route == "POST /commit": return FakeEngineReply(status: 201, body: #"{"Id":"sha256:new"}"#)
            case r.method == "DELETE" || route.hasSuffix("/start") || route.hasSuffix("/kill")
                || route.hasSuffix("/archive"):
                return FakeEngineReply(status: 204)
            default: return FakeEngineReply(status: 404, body: #"{"message":"no route \#(route)"}"#)
            }
        }
    }

    func perform(_ request: EngineRequest, onChunk: ((UnsafeRawBufferPointer) -> Void)?) throws -> EngineResponse {
        let route = "\(request.method) \(request.path)"
        if let cancelAt, route.hasSuffix(cancelAt) {
            cancellation?.cancel("test")
            _ = try fake.perform(request, onChunk: nil)
            throw EngineError.cancelled("test")
        }
        if route.hasSuffix("/kill") { killed.signal() }
        if hang, route.hasSuffix("/logs") {
            guard killed.wait(timeout: .now() + 10) == .success else { throw EngineError.cancelled("never killed") }
        }
        return try fake.perform(request, onChunk: onChunk)
    }

    /// Routes of every request so far.
    var routes: [String] { fake.requests.map { "\($0.method) \($0.path)" } }

    /// Whether container c1 was removed.
    var removed: Bool { routes.contains("DELETE /containers/c1") }

    func request(_ route: String) -> RecordedEngineRequest? {
        fake.requests.first { "\($0.method) \($0.path)" == route }
    }

    /// One multiplexed log frame.
    static func frame(_ stream: UInt8, _ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        let n = UInt32(bytes.count)
        return [stream, 0, 0, 0, UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + bytes
    }
}

/// A platform over `transport`, writing the pusher's output to a file the test can read.
struct TestPlatform {
    let platform: Platform
    let outputPath: String
    let dir: String

    init(transport: any EngineTransport, proxy: any Proxy = NoProxy()) throws {
        let dir = NSTemporaryDirectory() + "paas-build-test-" + UUID().uuidString
        self.dir = dir
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        outputPath = dir + "/output"
        let fd = open(outputPath, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
        let root = StateRoot(path: dir)
        let docker = DockerClient(transport: transport)
        platform = Platform(
            root: root, settings: InstallSettings(labels: ["paas.test": "unit"]), docker: docker,
            cleanupDocker: docker, proxy: proxy, runner: PosixProcessRunner(), plugins: Platform.pluginRunner(root: root), user: "tester",
            log: Terminal(fd: fd), store: { try Store(path: dir + "/state.db") })
    }

    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}
