import Foundation
import PaasPluginKit
import PaasPlugins
import PaasSupport
import PaasTestSupport
import XCTest

/// The shipped plugins/haproxy with the built `paas-haproxy`, fired through the real runner
/// against a real HAProxy and loopback HTTP servers.
final class HAProxyPluginTests: XCTestCase {
    func testSwitchesAtRuntimeKeepsTheFilesInStepAndRemoves() throws {
        let world = try HAProxyWorld()
        defer { world.close() }
        let one = try world.httpServer(body: "one")
        let two = try world.httpServer(body: "two")

        var outcome = world.fire(app: "web", domains: ["web.example.com", "www.web.test"], upstreams: [one])
        XCTAssertNil(outcome.stop, "\(outcome)")
        let check = world.runner.fire(.proxyCheck, app: nil, payload: NoPayload())
        XCTAssertNil(check.stop, "an upgrade's proxy check passes with HAProxy running its files: \(check)")
        XCTAssertEqual(try world.haproxy.get(host: "web.example.com").body, "one\n", world.haproxy.errorLog)
        XCTAssertEqual(try world.haproxy.get(host: "WWW.web.test:80").body, "one\n", "host matched without case or port")
        let worker = try world.haproxy.workerPID()

        outcome = world.fire(app: "web", domains: ["web.example.com"], upstreams: [two])
        XCTAssertNil(outcome.stop, "\(outcome)")
        XCTAssertEqual(try world.haproxy.get(host: "web.example.com").body, "two\n", "in force when the plugin replies")
        XCTAssertEqual(try world.haproxy.get(host: "www.web.test").status, 404, "a removed domain leaves the map")
        XCTAssertEqual(try world.haproxy.workerPID(), worker, "no reload")
        let servers = try world.haproxy.command("show servers state app_web")
        XCTAssertTrue(servers.contains(" \(two) ") && !servers.contains(" \(one) "), "the old server is deleted: \(servers)")
        let section = try String(contentsOfFile: world.directory + "/apps/web.cfg", encoding: .utf8)
        XCTAssertTrue(section.contains("server web1_\(two) 127.0.0.1:\(two)") && !section.contains(":\(one)"), section)
        XCTAssertEqual(try String(contentsOfFile: world.directory + "/hosts.map", encoding: .utf8), "web.example.com app_web\n")

        outcome = world.fire(app: "web", domains: ["web.example.com; return 200"], upstreams: [two])
        XCTAssertTrue(outcome.stop?.message.contains("not a domain name") ?? false, "\(outcome)")
        XCTAssertEqual(try world.haproxy.get(host: "web.example.com").body, "two\n")

        outcome = world.fire(app: "web", domains: ["web.example.com"], upstreams: [])
        XCTAssertNil(outcome.stop, "\(outcome)")
        let empty = try world.haproxy.get(host: "web.example.com")
        XCTAssertEqual(empty.status, 503)
        XCTAssertTrue(empty.body.contains("web has no web process running"), empty.body)

        outcome = world.fire(app: "web", domains: ["web.example.com"], upstreams: [], removed: true)
        XCTAssertNil(outcome.stop, "\(outcome)")
        XCTAssertEqual(try world.haproxy.get(host: "web.example.com").status, 404)
        XCTAssertFalse(FileManager.default.fileExists(atPath: world.directory + "/apps/web.cfg"))
    }

    func testLogsEachRequestWithItsServerAndEachServerThatLeavesWhenALogIsSet() throws {
        let world = try HAProxyWorld(logRequests: true)
        defer { world.close() }
        let one = try world.httpServer(body: "one")
        let two = try world.httpServer(body: "two")
        XCTAssertNil(world.fire(app: "web", domains: ["web.example.com"], upstreams: [one]).stop)
        XCTAssertEqual(try world.haproxy.get(host: "web.example.com").body, "one\n")
        XCTAssertNil(world.fire(app: "web", domains: ["web.example.com"], upstreams: [two]).stop)
        XCTAssertEqual(try world.haproxy.get(host: "web.example.com").body, "two\n")
        let config = try String(contentsOfFile: world.directory + "/haproxy.cfg", encoding: .utf8)
        XCTAssertTrue(config.contains("log stdout format iso local0") && config.contains("option httplog"), config)
        // "<ISO date> haproxy[PID]: 127.0.0.1:PORT [DATE] paas app_web/web1_PORT 0/0/0/1/1 200 ... ---- 1/1/0/0/0 0/0 "GET / HTTP/1.1""
        let served = { (port: UInt16) in
            world.haproxy.errorLog.split(separator: "\n").contains {
                $0.contains(" paas app_web/web1_\(port) ") && $0.contains(" 200 ") && $0.contains(" ---- ")
            }
        }
        XCTAssertTrue(waitUntil(timeout: .seconds(5)) { served(one) && served(two) }, world.haproxy.errorLog)
        XCTAssertTrue(
            world.haproxy.errorLog.split(separator: "\n").contains { $0.contains("app_web/web1_\(one)") && $0.contains("maintenance") },
            "the server that left is logged going into maintenance: \(world.haproxy.errorLog)")

        let quiet = try HAProxyWorld()
        defer { quiet.close() }
        let config2 = try String(contentsOfFile: quiet.directory + "/haproxy.cfg", encoding: .utf8)
        XCTAssertFalse(config2.contains("log "), "no log unless one is set: \(config2)")
    }

    func testStopsWithHowToStartItWhenHAProxyIsDown() throws {
        let world = try HAProxyWorld()
        defer { world.close() }
        world.haproxy.stop()
        let outcome = world.fire(app: "web", domains: ["web.example.com"], upstreams: [])
        XCTAssertEqual(outcome.stop?.plugin, "haproxy")
        XCTAssertTrue(
            outcome.stop?.message.hasPrefix("HAProxy is not running (its admin socket \(world.haproxy.socket) does not answer): start it with: ")
                ?? false, "\(outcome)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: world.directory + "/apps/web.cfg"), "nothing written")
        XCTAssertNotNil(
            world.runner.fire(.proxyCheck, app: nil, payload: NoPayload()).stop,
            "an upgrade's proxy check fails while HAProxy is down")
        XCTAssertNotNil(world.runner.fire(.preBuild, app: "web", payload: PreBuild.samples[0]).stop, "a push is refused before it builds")
    }
}

/// A temp state root with plugins/haproxy installed and a test HAProxy set up from it.
private final class HAProxyWorld {
    let fixture: PluginFixture
    let haproxy: TestHAProxy
    let runner: PluginRunner
    private var servers: [BackgroundProcess] = []

    var directory: String { haproxy.directory }

    init(logRequests: Bool = false) throws {
        try TestPaths.requireBuilt(TestPaths.binDirectory + "/paas-haproxy")
        fixture = try PluginFixture()
        let registry = PluginRegistry(root: fixture.root)
        _ = try registry.install(from: TestPaths.plugins + "/haproxy")
        var environment = ProcessInfo.processInfo.environment
        environment["PAAS_BIN_DIR"] = TestPaths.binDirectory
        environment["PAAS_ROOT"] = fixture.root.path
        runner = PluginRunner(
            registry: registry, processRunner: BinDirRunner(directory: TestPaths.binDirectory), paasVersion: "test",
            environment: environment, stderrSink: { _ in })
        haproxy = try TestHAProxy(stateRoot: fixture.root.path, logRequests: logRequests)
        let settings: [String: Any] = ["domain": "paas.test", "haproxy": haproxy.settings]
        try JSONSerialization.data(withJSONObject: settings).write(to: URL(fileURLWithPath: fixture.root.settingsFile))
        try haproxy.setup(environment: ["PAAS_ROOT": fixture.root.path])
        try haproxy.start()
    }

    func close() {
        servers.forEach { $0.stop() }
        haproxy.stop()
        fixture.remove()
    }

    /// Starts `busybox httpd` on a free loopback port serving `body` at `/`; returns the port.
    func httpServer(body: String) throws -> UInt16 {
        guard let busybox = Run.which("busybox") else { throw TestSupportError("busybox not found; install busybox-static") }
        let dir = fixture.base + "/www-" + body
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try (body + "\n").write(toFile: dir + "/index.html", atomically: true, encoding: .utf8)
        let port = try freeLoopbackPort()
        let server = try BackgroundProcess(busybox, ["httpd", "-f", "-p", "127.0.0.1:\(port)", "-h", dir], logFile: dir + ".log")
        servers.append(server)
        guard waitUntil(timeout: .seconds(5), { loopbackPortAccepts(port) }) else {
            throw TestSupportError("busybox httpd did not listen on \(port): \(server.log)")
        }
        return port
    }

    /// Fires `proxy-update` for `app` as the core does.
    func fire(app: String, domains: [String], upstreams: [UInt16], removed: Bool = false) -> TriggerOutcome<NoChanges> {
        let update = ProxyUpdate(
            app: app, domains: domains, defaultDomain: domains.first,
            upstreams: upstreams.enumerated().map { ProxyUpstream(host: "127.0.0.1", port: Int($1), process: "web", number: $0 + 1) },
            removed: removed)
        return runner.fire(.proxyUpdate, app: app, payload: update)
    }
}
