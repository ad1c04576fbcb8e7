import Foundation
import PaasPluginKit
import PaasPlugins
import PaasSupport
import PaasTestSupport
import XCTest

/// The shipped plugins/nginx with the built `paas-nginx`, fired through the real runner against
/// a real nginx and two loopback HTTP servers.
final class NginxPluginTests: XCTestCase {
    func testRoutesRejectsBrokenConfigAndRemoves() throws {
        let world = try NginxWorld()
        defer { world.close() }
        let one = try world.httpServer(body: "one")
        let two = try world.httpServer(body: "two")
        let domains = ["web.example.com", "www.web.test"]

        // Two upstreams: the reply comes once the reload is in force, so no polling here.
        var outcome = world.fire(app: "web", domains: domains, upstreams: [one, two])
        XCTAssertNil(outcome.stop, "\(outcome)")
        var bodies: Set<String> = []
        for _ in 0..<4 {
            let answer = try world.nginx.get(host: "web.example.com")
            XCTAssertEqual(answer.status, 200, answer.body)
            bodies.insert(answer.body.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        XCTAssertEqual(bodies, ["one", "two"], "both upstreams serve")
        XCTAssertEqual(try world.nginx.get(host: "www.web.test").status, 200)
        let good = try String(contentsOfFile: world.confFile("web"), encoding: .utf8)
        XCTAssertTrue(good.contains("keepalive"), good)
        XCTAssertTrue(good.contains("proxy_next_upstream"), good)

        // Same request again: nothing changes, nothing reloads.
        let before = world.stderr.text
        outcome = world.fire(app: "web", domains: domains, upstreams: [one, two])
        XCTAssertNil(outcome.stop, "\(outcome)")
        XCTAssertEqual(world.stderr.text, before, "an unchanged block must not reload nginx")

        // A domain nginx rejects: stop with nginx's reason, previous file back, still serving.
        outcome = world.fire(app: "web", domains: ["bad.*.example.com"], upstreams: [one])
        XCTAssertEqual(outcome.stop?.plugin, "nginx")
        XCTAssertTrue(outcome.stop?.message.contains("nginx -t failed") ?? false, "\(outcome)")
        XCTAssertTrue(outcome.stop?.message.contains("bad.*.example.com") ?? false, "\(outcome)")
        XCTAssertEqual(try String(contentsOfFile: world.confFile("web"), encoding: .utf8), good)
        XCTAssertEqual(try world.nginx.get(host: "web.example.com").status, 200)

        // A value that cannot go into a config file is refused before anything is written.
        outcome = world.fire(app: "web", domains: ["web.example.com; return 200"], upstreams: [one])
        XCTAssertTrue(outcome.stop?.message.contains("not a domain name") ?? false, "\(outcome)")
        XCTAssertEqual(try String(contentsOfFile: world.confFile("web"), encoding: .utf8), good)

        // No upstreams: 503 with a reason.
        outcome = world.fire(app: "web", domains: domains, upstreams: [])
        XCTAssertNil(outcome.stop, "\(outcome)")
        let empty = try world.nginx.get(host: "web.example.com")
        XCTAssertEqual(empty.status, 503)
        XCTAssertTrue(empty.body.contains("web has no web process running"), empty.body)

        // Removed: the default server answers.
        outcome = world.fire(app: "web", domains: domains, upstreams: [], removed: true)
        XCTAssertNil(outcome.stop, "\(outcome)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: world.confFile("web")))
        XCTAssertEqual(try world.nginx.get(host: "web.example.com").status, 404)
    }

    func testMaintenanceFlagServesAPageAndAppDestroyRemoves() throws {
        let world = try NginxWorld()
        defer { world.close() }
        let one = try world.httpServer(body: "one")
        let flagDirectory = world.fixture.root.plugins + "/data/maintenance"
        try FileManager.default.createDirectory(atPath: flagDirectory, withIntermediateDirectories: true)

        try "Back at noon, \"promise\" ($5 off)\n".write(toFile: flagDirectory + "/shop", atomically: true, encoding: .utf8)
        XCTAssertNil(world.fire(app: "shop", domains: ["shop.test"], upstreams: [one]).stop)
        var answer = try world.nginx.get(host: "shop.test")
        XCTAssertEqual(answer.status, 503)
        XCTAssertEqual(answer.body, "Back at noon, \"promise\" (\u{FF04}5 off)\n")

        try Data().write(to: URL(fileURLWithPath: flagDirectory + "/shop"))
        XCTAssertNil(world.fire(app: "shop", domains: ["shop.test"], upstreams: [one]).stop)
        answer = try world.nginx.get(host: "shop.test")
        XCTAssertEqual(answer.status, 503)
        XCTAssertEqual(answer.body, "shop is down for maintenance\n")

        try FileManager.default.removeItem(atPath: flagDirectory + "/shop")
        XCTAssertNil(world.fire(app: "shop", domains: ["shop.test"], upstreams: [one]).stop)
        answer = try world.nginx.get(host: "shop.test")
        XCTAssertEqual(answer.status, 200, answer.body)
        XCTAssertEqual(answer.body.trimmingCharacters(in: .whitespacesAndNewlines), "one")

        let outcome = world.runner.fire(.appDestroy, app: "shop", payload: NoPayload())
        XCTAssertNil(outcome.stop, "\(outcome)")
        XCTAssertEqual(outcome.ran, ["nginx"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: world.confFile("shop")))
        XCTAssertEqual(try world.nginx.get(host: "shop.test").status, 404)
    }

    func testStopsWithoutAnNginxSection() throws {
        let world = try NginxWorld(startNginx: false)
        defer { world.close() }
        try #"{"domain": "paas.test"}"#.write(toFile: world.fixture.root.settingsFile, atomically: true, encoding: .utf8)
        let outcome = world.fire(app: "web", domains: ["web.test"], upstreams: [])
        XCTAssertEqual(
            outcome.stop?.message, "nginx plugin: settings.json has no nginx section (run scripts/install.sh)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: world.confFile("web")))
    }

    func testWrapperSaysWhenTheBinaryIsMissing() throws {
        let fixture = try PluginFixture()
        defer { fixture.remove() }
        _ = try PluginRegistry(root: fixture.root).install(from: TestPaths.plugins + "/nginx")
        let runner = PluginRunner(
            registry: PluginRegistry(root: fixture.root), processRunner: BinDirRunner(directory: fixture.base + "/none"),
            paasVersion: "test", stderrSink: { _ in })
        let outcome = runner.fire(
            .proxyUpdate, app: "web", payload: ProxyUpdate(app: "web", domains: [], defaultDomain: nil, upstreams: [], removed: false))
        XCTAssertTrue(outcome.stop?.message.contains("paas-nginx is missing") ?? false, "\(outcome)")
    }
}

/// A temp state root with plugins/nginx installed, a test nginx including its proxy folder, a
/// settings.json pointing at that nginx, and loopback HTTP servers made on demand.
private final class NginxWorld {
    let fixture: PluginFixture
    let nginx: TestNginx!
    let runner: PluginRunner
    let stderr = StderrBox()
    private var servers: [BackgroundProcess] = []

    init(startNginx: Bool = true) throws {
        try TestPaths.requireBuilt(TestPaths.binDirectory + "/paas-nginx")
        fixture = try PluginFixture()
        let registry = PluginRegistry(root: fixture.root)
        _ = try registry.install(from: TestPaths.plugins + "/nginx")
        let sink = stderr
        var environment = ProcessInfo.processInfo.environment
        environment["PAAS_BIN_DIR"] = TestPaths.binDirectory
        runner = PluginRunner(
            registry: registry, processRunner: BinDirRunner(directory: TestPaths.binDirectory), paasVersion: "test",
            environment: environment, stderrSink: { sink.append($0) })
        guard startNginx else {
            nginx = nil
            return
        }
        let nginx = try TestNginx(proxyDirectory: fixture.root.proxy)
        self.nginx = nginx
        let settings: [String: Any] = [
            "domain": "paas.test",
            "nginx": [
                "listen": nginx.listen, "test": nginx.testCommand(), "reload": nginx.reloadCommand(),
                "pidFile": nginx.pidFile,
            ],
        ]
        try JSONSerialization.data(withJSONObject: settings).write(to: URL(fileURLWithPath: fixture.root.settingsFile))
    }

    func close() {
        servers.forEach { $0.stop() }
        nginx?.stop()
        fixture.remove()
    }

    func confFile(_ app: String) -> String { fixture.root.proxy + "/" + app + ".conf" }

    /// Starts `busybox httpd` on a free loopback port serving `body` at `/`; returns the port.
    func httpServer(body: String) throws -> UInt16 {
        guard let busybox = Run.which("busybox") else { throw TestSupportError("busybox not found; install busybox-static") }
        let dir = fixture.base + "/www-" + body
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try (body + "\n").write(toFile: dir + "/index.html", atomically: true, encoding: .utf8)
        let port = try freeLoopbackPort()
        let server = try BackgroundProcess(
            busybox, ["httpd", "-f", "-p", "127.0.0.1:\(port)", "-h", dir], logFile: dir + ".log")
        servers.append(server)
        guard waitUntil(timeout: .seconds(5), { loopbackPortAccepts(port) }) else {
            throw TestSupportError("busybox httpd did not listen on \(port): \(server.log)")
        }
        return port
    }

    /// Fires `proxy-update` for `app` as the core does.
    func fire(app: String, domains: [String], upstreams: [UInt16], removed: Bool = false) -> TriggerOutcome<NoChanges> {
        let list = upstreams.enumerated().map { index, port in
            ProxyUpstream(host: "127.0.0.1", port: Int(port), process: "web", number: index + 1)
        }
        let update = ProxyUpdate(app: app, domains: domains, defaultDomain: domains.first, upstreams: list, removed: removed)
        return runner.fire(.proxyUpdate, app: app, payload: update)
    }
}
