import AppSpec
import DockerEngine
import Foundation
import XCTest

@testable import PaasDeploy

/// The service spec a process type of a release becomes.
final class SwarmServiceBuilderTests: XCTestCase {
    private var t: TestPlatform!

    override func setUpWithError() throws {
        t = try TestPlatform(transport: SwarmEngine())
        _ = try t.platform.store.createApp("shop")
    }

    override func tearDown() { t.remove() }

    private let image = "127.0.0.1:5000/paas/shop@sha256:0123"

    private func release(env: [String: String] = ["DATABASE_URL": "postgres://x"], checks: [HealthCheck] = []) -> ReleaseSpec {
        var spec = ReleaseSpec(
            app: "shop", version: 7, deployID: "d7", image: "paas/shop:v7", env: env,
            processes: ["web": "gunicorn app:app", "worker": "python work.py"], formation: ["web": 2, "worker": 1], port: 5000)
        spec.healthchecks = ["web": checks]
        return spec
    }

    private func build(
        _ spec: ReleaseSpec, process: String, checks: CheckSettings = CheckSettings(), placement: [String] = ["node.labels.role==app"]
    ) throws -> ServiceSpec {
        try SwarmServiceBuilder(platform: t.platform, checks: checks)
            .build(spec, process: process, image: image, replicas: process == "web" ? 2 : 1, placement: placement)
    }

    private func env(_ service: ServiceSpec) -> [String: String] {
        Dictionary(
            (service.taskTemplate.containerSpec.env ?? []).map {
                let parts = $0.split(separator: "=", maxSplits: 1).map(String.init)
                return (parts[0], parts.count > 1 ? parts[1] : "")
            }) { a, _ in a }
    }

    func testWebServiceRunsTheImageByDigestWithHostPortsChecksAndStartFirstUpdates() throws {
        let service = try build(release(checks: [HealthCheck(path: "/health", content: "ok")]), process: "web")
        XCTAssertEqual(service.name, "shop_web")
        XCTAssertEqual(service.mode.replicas, 2)
        XCTAssertEqual(service.labels?["paas.app"], "shop")
        XCTAssertEqual(service.labels?["paas.process"], "web")
        XCTAssertEqual(service.labels?["paas.release"], "v7")
        XCTAssertEqual(service.labels?["paas.test"], "unit", "the install's own labels")
        let container = service.taskTemplate.containerSpec
        XCTAssertEqual(container.image, image)
        XCTAssertEqual(
            container.command, ["/bin/sh", "-c", SwarmStopDelay.script, "paas-stop-delay", "/bin/sh", "-c", "gunicorn app:app"],
            "web runs in the stop-delay wrapper")
        XCTAssertEqual(container.labels?["paas.deploy"], "d7", "each deploy's tasks are told apart")
        XCTAssertEqual(container.labels?["paas.release"], "v7")
        XCTAssertEqual(container.labels?["paas.port"], "5000")
        let env = env(service)
        XCTAssertEqual(env["PORT"], "5000")
        XCTAssertEqual(env["DYNO"], "web.{{.Task.Slot}}", "Swarm fills in the slot")
        XCTAssertEqual(env["DATABASE_URL"], "postgres://x")
        XCTAssertEqual(env["PAAS_CHECK_PORT"], "5000")
        XCTAssertEqual(env["PAAS_CHECK_PATH"], "/health")
        XCTAssertEqual(env["PAAS_CHECK_CONTENT"], "ok")
        XCTAssertEqual(container.env, container.env?.sorted(), "sorted: an unchanged config gives an unchanged spec")
        XCTAssertEqual(container.healthCheck?.test, ["CMD-SHELL", SwarmHealthcheck.script])
        XCTAssertEqual(env["PAAS_STOP_DELAY"], "2")
        XCTAssertEqual(container.stopGracePeriod, Int64(CheckSettings().stopTimeout + 2) * 1_000_000_000, "the delay, then the stop timeout")
        XCTAssertEqual(container.capabilityDrop, ContainerLimits.droppedCapabilities)
        XCTAssertNil(container.mounts)
        XCTAssertEqual(service.taskTemplate.placement?.constraints, ["node.labels.role==app"])
        XCTAssertEqual(service.taskTemplate.networks, [.init(target: "paas-swarm-shop", aliases: ["web"])])
        XCTAssertEqual(service.taskTemplate.restartPolicy?.condition, "any")
        XCTAssertEqual(service.endpointSpec?.mode, "dnsrr")
        XCTAssertEqual(service.endpointSpec?.ports, [.init(protocol: "tcp", targetPort: 5000, publishedPort: nil, publishMode: "host")])
        XCTAssertEqual(service.updateConfig?.order, "start-first")
        XCTAssertEqual(service.updateConfig?.failureAction, "rollback")
        XCTAssertEqual(service.updateConfig?.parallelism, 1)
        XCTAssertEqual(service.rollbackConfig?.order, "start-first")
        XCTAssertEqual(service.taskTemplate.resources?.limits?.memoryBytes, 1_073_741_824, "the default limit")
    }

    func testPortComesFromConfigAndWorkersGetNoPortOrCheck() throws {
        let web = try build(release(env: ["PORT": "8080"]), process: "web")
        XCTAssertEqual(web.endpointSpec?.ports?.first?.targetPort, 8080)
        XCTAssertEqual(env(web)["PAAS_CHECK_PORT"], "8080")
        XCTAssertEqual(env(web)["PAAS_CHECK_PATH"], "", "no app.json check: the port is checked")
        XCTAssertEqual(web.taskTemplate.containerSpec.labels?["paas.port"], "8080")

        let worker = try build(release(), process: "worker")
        XCTAssertEqual(worker.name, "shop_worker")
        XCTAssertEqual(worker.endpointSpec?.ports, [])
        XCTAssertNil(worker.taskTemplate.containerSpec.healthCheck)
        XCTAssertNil(env(worker)["PORT"], "only web gets a PORT")
        XCTAssertNil(env(worker)["PAAS_CHECK_PORT"])
        XCTAssertEqual(env(worker)["DYNO"], "worker.{{.Task.Slot}}")
        XCTAssertEqual(worker.taskTemplate.containerSpec.command, ["/bin/sh", "-c", "python work.py"])
        XCTAssertNil(worker.taskTemplate.containerSpec.labels?["paas.port"])
    }

    func testTheAppsConfigCannotReplaceTheCheckValues() throws {
        let config = ["PAAS_CHECK_PATH": "/other", "PAAS_CHECK_PORT": "1; reboot", "PAAS_CHECK_CONTENT": "x"]
        let http = try build(release(env: config, checks: [HealthCheck(path: "/health")]), process: "web")
        XCTAssertEqual(env(http)["PAAS_CHECK_PATH"], "/health")
        XCTAssertEqual(env(http)["PAAS_CHECK_PORT"], "5000")
        XCTAssertEqual(env(http)["PAAS_CHECK_CONTENT"], "")
        let port = try build(release(env: config), process: "web")
        XCTAssertEqual(env(port)["PAAS_CHECK_PORT"], "5000")
        XCTAssertEqual(env(port)["PAAS_CHECK_PATH"], "")
    }

    func testChecksDisabledStopsFirstAndSkippedHasNoHealthCheck() throws {
        var disabled = CheckSettings()
        disabled.disabled = ["web"]
        let stopFirst = try build(release(), process: "web", checks: disabled)
        XCTAssertEqual(stopFirst.updateConfig?.order, "stop-first")
        XCTAssertEqual(stopFirst.rollbackConfig?.order, "stop-first")

        var skipped = CheckSettings()
        skipped.skipped = ["web"]
        let unchecked = try build(release(checks: [HealthCheck(path: "/health")]), process: "web", checks: skipped)
        XCTAssertNil(unchecked.taskTemplate.containerSpec.healthCheck)
        XCTAssertNil(env(unchecked)["PAAS_CHECK_PATH"])
        XCTAssertEqual(unchecked.updateConfig?.order, "start-first")
    }

    func testLimitsAndPlacementReachTheTemplate() throws {
        _ = try ResourceLimit.set(app: "shop", process: "web", pairs: ["memory=256m", "cpus=1.5", "pids=64"], store: try t.platform.store)
        let service = try build(release(), process: "web", placement: ["node.labels.role==db", "node.labels.zone==eu"])
        XCTAssertEqual(service.taskTemplate.resources?.limits?.memoryBytes, 268_435_456)
        XCTAssertEqual(service.taskTemplate.resources?.limits?.nanoCPUs, 1_500_000_000)
        XCTAssertEqual(service.taskTemplate.resources?.limits?.pids, 64)
        XCTAssertEqual(service.taskTemplate.logDriver, .init(name: "json-file", options: ["max-size": "10m", "max-file": "3"]))
        XCTAssertEqual(service.taskTemplate.placement?.constraints, ["node.labels.role==db", "node.labels.zone==eu"])
        XCTAssertEqual(
            try build(release(), process: "worker").taskTemplate.resources?.limits?.memoryBytes, 1_073_741_824, "web's limits only")
    }

    func testTheSpecEncodesAsTheEngineExpects() throws {
        let service = try build(release(checks: [HealthCheck(path: "/x'; rm -rf /")]), process: "web")
        let text = String(decoding: try JSONEncoder().encode(service), as: UTF8.self)
        XCTAssertTrue(text.contains(#""Order":"start-first""#), text)
        XCTAssertTrue(text.contains(#""FailureAction":"rollback""#), text)
        XCTAssertTrue(text.contains(#""PublishMode":"host""#), text)
        XCTAssertTrue(text.contains(#""LogDriver":{"#) && text.contains(#""max-file":"3""#), text)
        XCTAssertTrue(text.contains(#""Pids":"#), text)
        XCTAssertFalse(text.contains("PublishedPort"), text)
        XCTAssertEqual(service.taskTemplate.containerSpec.healthCheck?.test[1].contains("rm -rf"), false)
        XCTAssertEqual(env(service)["PAAS_CHECK_PATH"], "/x'; rm -rf /")
    }
}
