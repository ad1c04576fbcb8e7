import DockerEngine
import Foundation
import PaasPluginKit
import PaasPlugins
import PaasSupport
import PaasTestSupport
import XCTest

@testable import PaasDeploy

/// The deploy applies what plugins amend: `container-create` env, labels and mounts reach the
/// Engine's create call (with the payload naming the container's own labels), and
/// `health-check` checks are run on the new containers.
final class PluginAmendmentTests: XCTestCase {
    private let spec = ReleaseSpec(
        app: "shop", version: 4, deployID: "d7", image: "paas/shop:v4", env: ["DATABASE_URL": "x"],
        processes: [:], formation: ["web": 1], port: 5000)

    private func install(_ t: TestPlatform, trigger: String, script: String) throws {
        let dir = t.dir + "/src/amend"
        try FileManager.default.createDirectory(atPath: dir + "/bin", withIntermediateDirectories: true)
        try #"{"name":"amend","version":"1","protocol":1,"triggers":{"\#(trigger)":{"run":"bin/run"}}}"#
            .write(toFile: dir + "/plugin.json", atomically: true, encoding: .utf8)
        try ("#!/bin/sh\n" + script + "\n").write(toFile: dir + "/bin/run", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir + "/bin/run")
        try t.platform.root.prepare()
        _ = try PluginRegistry(root: t.platform.root).install(from: dir)
    }

    /// A repository deploys its apps side by side, each platform logging to a prefixed
    /// terminal: what plugins print (the proxy plugin's line included) carries the prefix too.
    func testPluginOutputGoesToThePlatformsOwnPrefixedLog() throws {
        let t = try TestPlatform(transport: EngineScript(), proxy: NoProxy())
        defer { t.remove() }
        try install(t, trigger: "proxy-update", script: #"cat >/dev/null; echo "switched $PAAS_APP" >&2; echo '{}'"#)
        let withProxy = Platform(
            root: t.platform.root, settings: t.platform.settings, docker: t.platform.docker,
            cleanupDocker: t.platform.cleanupDocker, proxy: PluginProxy(plugins: t.platform.plugins, log: t.platform.log),
            runner: t.platform.runner, plugins: t.platform.plugins, user: "tester", log: t.platform.log,
            store: { try t.platform.store })
        let terminal = Terminal(prefix: "shop | ", writingTo: withProxy.log)
        let app = withProxy.logging(to: terminal)
        try app.proxy.update(app: "shop", domains: ["shop.test"], upstreams: [Upstream(port: 5000, number: 1)])
        terminal.flush()
        XCTAssertEqual(t.output, "shop | switched shop\n", "the proxy plugin's line, prefixed")
    }

    func testContainerCreateAmendmentsReachTheContainerAndThePayloadHasItsLabels() throws {
        let engine = EngineScript()
        let t = try TestPlatform(transport: engine)
        defer { t.remove() }
        try install(
            t, trigger: "container-create",
            script:
                #"cat > "$PAAS_ROOT/seen.json"; echo '{"changes":{"env":{"REGION":"eu"},"labels":{"team":"web","paas.app":"x"},"mounts":["/srv:/srv:ro"]}}'"#
        )
        _ = try ContainerFactory(platform: t.platform).start(spec, process: "web", number: 1)

        let body = try XCTUnwrap(engine.request("POST /containers/create")).bodyText
        for part in [
            "REGION=eu", #""team":"web""#, #""paas.app":"shop""#, #""Binds":["\/srv:\/srv:ro"]"#, "DATABASE_URL=x",
        ] {
            XCTAssertTrue(body.contains(part), "\(part) in \(body)")
        }
        XCTAssertFalse(body.contains(#""paas.app":"x""#), "reserved labels are not amended")
        let seen = try Plugin.decode(Array(try XCTUnwrap(FileManager.default.contents(atPath: t.dir + "/seen.json"))))
        let payload = try seen.payload(.containerCreate)
        XCTAssertEqual(payload.labels["paas.process"], "web")
        XCTAssertEqual(payload.labels["paas.release"], "v4")
        XCTAssertEqual(payload.labels["paas.deploy"], "d7")
        XCTAssertEqual(payload.env["DYNO"], "web.1")
        XCTAssertEqual(payload.env["PORT"], "5000")
    }

    func testPluginChecksPassOrFailOnTheNewContainers() throws {
        guard let busybox = Run.which("busybox") else {
            throw TestSupportError("busybox not found; install busybox-static")
        }
        let t = try TestPlatform(transport: EngineScript())
        defer { t.remove() }
        try FileManager.default.createDirectory(atPath: t.dir + "/www", withIntermediateDirectories: true)
        try "db ok\n".write(toFile: t.dir + "/www/health", atomically: true, encoding: .utf8)
        let port = try freeLoopbackPort()
        let server = try BackgroundProcess(
            busybox, ["httpd", "-f", "-p", "127.0.0.1:\(port)", "-h", t.dir + "/www"], logFile: t.dir + "/httpd.log")
        defer { server.stop() }
        XCTAssertTrue(waitUntil(timeout: .seconds(5)) { loopbackPortAccepts(port) })
        let web = ContainerFactory.Started(
            app: "shop", id: "c1", name: "shop.web.1", process: "web", number: 1, hostPort: Int(port))
        let worker = ContainerFactory.Started(
            app: "shop", id: "c2", name: "shop.worker.1", process: "worker", number: 1, hostPort: nil)
        let checks = PluginChecks(platform: t.platform)

        try checks.run([HealthCheck(name: "db", path: "/health", status: 200, contains: "db ok")], on: [web, worker])
        XCTAssertTrue(t.output.contains("web.1 passed the plugin check db"), t.output)
        XCTAssertThrowsError(try checks.run([HealthCheck(name: "gone", path: "/missing", attempts: 1)], on: [web])) {
            XCTAssertEqual(
                "\($0)",
                "web.1 failed its check (gone): expected HTTP 2xx/3xx from /missing, got HTTP 404 after 1 attempt(s)")
        }
        XCTAssertThrowsError(
            try checks.run([HealthCheck(name: "w", process: "worker", path: "/", attempts: 1)], on: [web, worker])
        ) {
            XCTAssertEqual(
                "\($0)", "worker.1 failed its check (w): expected HTTP 2xx/3xx from /, got no published port")
        }
    }
}
