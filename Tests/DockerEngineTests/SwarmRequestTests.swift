import DockerEngine
import Foundation
import PaasTestSupport
import XCTest

/// The requests the swarm, node and service calls make: paths, methods, queries and JSON bodies
/// as Engine API v1.41 reads them.
final class SwarmRequestTests: XCTestCase {
    private func json(_ request: RecordedEngineRequest?) throws -> [String: Any] {
        let body = try XCTUnwrap(request).body
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], "a JSON object")
    }

    private func object(_ value: Any?, _ key: String) throws -> [String: Any] {
        try XCTUnwrap((value as? [String: Any])?[key] as? [String: Any], key)
    }

    func testInitJoinAndLeaveBodies() throws {
        let fake = FakeEngineTransport()
        fake.on("POST", "/swarm/init", FakeEngineReply(body: #""n1abc""#))
        fake.on("POST", "/swarm/join", FakeEngineReply(body: ""))
        fake.on("POST", "/swarm/leave", FakeEngineReply(status: 503, body: #"{"message":"This node is not part of a swarm"}"#))
        fake.on(
            "GET", "/swarm",
            FakeEngineReply(body: #"{"ID":"clu5","Version":{"Index":10},"JoinTokens":{"Worker":"SWMTKN-1-w","Manager":"SWMTKN-1-m"}}"#))
        let docker = DockerClient(transport: fake)

        XCTAssertEqual(
            try docker.initSwarm(advertiseAddress: "10.0.0.1", listenAddress: "10.0.0.1:2377", heartbeat: .milliseconds(2500)),
            "n1abc")
        let initBody = try json(fake.requests[0])
        XCTAssertEqual(initBody["AdvertiseAddr"] as? String, "10.0.0.1")
        XCTAssertEqual(initBody["ListenAddr"] as? String, "10.0.0.1:2377")
        let spec = try object(initBody, "Spec")
        XCTAssertEqual(try object(spec, "Dispatcher")["HeartbeatPeriod"] as? Int, 2_500_000_000, "nanoseconds")
        XCTAssertEqual(try object(spec, "Orchestration")["TaskHistoryRetentionLimit"] as? Int, 3)

        let tokens = try docker.swarmJoinTokens()
        XCTAssertEqual(tokens.clusterID, "clu5")
        XCTAssertEqual(tokens.worker, "SWMTKN-1-w")
        XCTAssertEqual(tokens.manager, "SWMTKN-1-m")

        try docker.joinSwarm(manager: "10.0.0.1:2377", token: "SWMTKN-1-w", advertiseAddress: "10.0.0.2", listenAddress: "10.0.0.2:2377")
        let join = try json(fake.requests[2])
        XCTAssertEqual(fake.requests[2].method, "POST")
        XCTAssertEqual(join["RemoteAddrs"] as? [String], ["10.0.0.1:2377"])
        XCTAssertEqual(join["JoinToken"] as? String, "SWMTKN-1-w")
        XCTAssertEqual(join["AdvertiseAddr"] as? String, "10.0.0.2")
        XCTAssertEqual(join["ListenAddr"] as? String, "10.0.0.2:2377")

        try docker.leaveSwarm(force: true)  // 503: not in a swarm is fine
        XCTAssertEqual(fake.requests[3].queryValue("force"), "1")
    }

    func testInitWithoutHeartbeatSendsNoDispatcher() throws {
        let fake = FakeEngineTransport()
        fake.on("POST", "/swarm/init", FakeEngineReply(body: #""n1""#))
        try DockerClient(transport: fake).initSwarm(advertiseAddress: "10.0.0.1", listenAddress: "10.0.0.1:2377")
        let spec = try object(try json(fake.requests.first), "Spec")
        XCTAssertNil(spec["Dispatcher"])
    }

    func testNodeUpdateNamesTheVersionAndSendsTheWholeSpec() throws {
        let fake = FakeEngineTransport()
        fake.on("POST", "/nodes/w2def/update", FakeEngineReply(body: ""))
        fake.on("DELETE", "/nodes/gone", FakeEngineReply(status: 404, body: #"{"message":"node gone not found"}"#))
        let docker = DockerClient(transport: fake)
        try docker.updateNode(
            "w2def", version: 41,
            spec: .init(name: "w2", labels: ["role": "db"], role: "worker", availability: "drain"))
        let request = fake.requests[0]
        XCTAssertEqual(request.queryValue("version"), "41")
        let body = try json(request)
        XCTAssertEqual(body["Name"] as? String, "w2")
        XCTAssertEqual(body["Labels"] as? [String: String], ["role": "db"])
        XCTAssertEqual(body["Role"] as? String, "worker")
        XCTAssertEqual(body["Availability"] as? String, "drain")

        try docker.removeNode("gone", force: true)
        XCTAssertEqual(fake.requests[1].method, "DELETE")
        XCTAssertEqual(fake.requests[1].queryValue("force"), "1")
    }

    private func webSpec() -> ServiceSpec {
        let second: Int64 = 1_000_000_000
        return ServiceSpec(
            name: "shop_web", labels: ["paas.app": "shop"],
            taskTemplate: .init(
                containerSpec: .init(
                    image: "10.0.0.1:5000/paas/shop@sha256:abc", env: ["PORT=5000"],
                    healthCheck: HealthcheckSpec(test: ["CMD-SHELL", "exit 0"], interval: second, timeout: 5 * second, startPeriod: 10 * second, retries: 3),
                    stopGracePeriod: 10 * second),
                restartPolicy: .init(condition: "any", delay: second),
                placement: .init(constraints: ["node.labels.role==app"]),
                networks: [.init(target: "paas-swarm-shop", aliases: ["web"])]),
            mode: .replicated(2),
            updateConfig: .init(parallelism: 1, delay: 0, failureAction: "rollback", monitor: 2 * second, maxFailureRatio: 0, order: "start-first"),
            rollbackConfig: .init(parallelism: 0, delay: 0, failureAction: "continue", monitor: second, maxFailureRatio: 0, order: "start-first"),
            endpointSpec: .init(mode: "dnsrr", ports: [.init(targetPort: 5000, publishMode: "host")]))
    }

    func testCreateServiceBodyAndAuthHeader() throws {
        let fake = FakeEngineTransport()
        fake.on("POST", "/services/create", FakeEngineReply(status: 201, body: #"{"ID":"svc9","Warnings":null}"#))
        let id = try DockerClient(transport: fake).createService(webSpec(), registryAuth: "e30=")
        XCTAssertEqual(id, "svc9")
        let request = try XCTUnwrap(fake.requests.first)
        XCTAssertEqual(request.headers["X-Registry-Auth"], "e30=")
        XCTAssertEqual(request.headers["Content-Type"], "application/json")
        let body = try json(request)
        XCTAssertEqual(body["Name"] as? String, "shop_web")
        XCTAssertEqual(try object(try object(body, "Mode"), "Replicated")["Replicas"] as? Int, 2)
        let update = try object(body, "UpdateConfig")
        XCTAssertEqual(update["Order"] as? String, "start-first")
        XCTAssertEqual(update["FailureAction"] as? String, "rollback")
        XCTAssertEqual(update["Parallelism"] as? Int, 1)
        XCTAssertEqual(update["Monitor"] as? Int, 2_000_000_000)
        XCTAssertEqual(try object(body, "RollbackConfig")["FailureAction"] as? String, "continue")
        let endpoint = try object(body, "EndpointSpec")
        XCTAssertEqual(endpoint["Mode"] as? String, "dnsrr")
        let ports = try XCTUnwrap(endpoint["Ports"] as? [[String: Any]])
        XCTAssertEqual(ports.count, 1)
        XCTAssertEqual(ports[0]["PublishMode"] as? String, "host")
        XCTAssertEqual(ports[0]["TargetPort"] as? Int, 5000)
        XCTAssertEqual(ports[0]["Protocol"] as? String, "tcp")
        XCTAssertNil(ports[0]["PublishedPort"], "no PublishedPort: Swarm picks a free port on each node")
        let template = try object(body, "TaskTemplate")
        let container = try object(template, "ContainerSpec")
        XCTAssertEqual(container["Image"] as? String, "10.0.0.1:5000/paas/shop@sha256:abc")
        XCTAssertEqual(container["StopGracePeriod"] as? Int, 10_000_000_000)
        let check = try object(container, "Healthcheck")
        XCTAssertEqual(check["Test"] as? [String], ["CMD-SHELL", "exit 0"])
        XCTAssertEqual(check["Interval"] as? Int, 1_000_000_000)
        XCTAssertEqual(check["Timeout"] as? Int, 5_000_000_000)
        XCTAssertEqual(check["StartPeriod"] as? Int, 10_000_000_000)
        XCTAssertEqual(check["Retries"] as? Int, 3)
        XCTAssertEqual(try object(template, "Placement")["Constraints"] as? [String], ["node.labels.role==app"])
        XCTAssertEqual(try object(template, "RestartPolicy")["Condition"] as? String, "any")
        let networks = try XCTUnwrap(template["Networks"] as? [[String: Any]])
        XCTAssertEqual(networks.first?["Target"] as? String, "paas-swarm-shop")
        XCTAssertEqual(networks.first?["Aliases"] as? [String], ["web"])
        XCTAssertNil(template["ForceUpdate"], "unset optionals are left out")
    }

    func testUpdateServiceNamesVersionAndRollbackAndRoundTripsADecodedSpec() throws {
        let fake = FakeEngineTransport()
        fake.on("GET", "/services/shop_web", FakeEngineReply(body: SwarmDecodingTests.serviceJSON))
        fake.on("POST", "/services/svc9/update", FakeEngineReply(body: #"{"Warnings":null}"#))
        let docker = DockerClient(transport: fake)
        var service = try XCTUnwrap(try docker.inspectService("shop_web"))
        service.spec.mode = .replicated(5)
        try docker.updateService(service.id, version: service.version, spec: service.spec)
        let update = fake.requests[1]
        XCTAssertEqual(update.queryValue("version"), "77")
        XCTAssertNil(update.queryValue("rollback"))
        XCTAssertNil(update.headers["X-Registry-Auth"])
        let decoded = try JSONDecoder().decode(ServiceSpec.self, from: Data(update.body))
        var expected = service.spec
        expected.mode = .replicated(5)
        XCTAssertEqual(decoded, expected, "what was read goes back unchanged but for the replicas")
        XCTAssertEqual(decoded.mode.replicas, 5)

        try docker.updateService("svc9", version: 78, spec: service.spec, registryAuth: "e30=", rollback: true)
        XCTAssertEqual(fake.requests[2].queryValue("rollback"), "previous")
        XCTAssertEqual(fake.requests[2].queryValue("version"), "78")
        XCTAssertEqual(fake.requests[2].headers["X-Registry-Auth"], "e30=")
    }

    func testRemoveServiceSaysWhetherThereWasOne() throws {
        let fake = FakeEngineTransport()
        fake.on("DELETE", "/services/shop_web", FakeEngineReply(status: 200))
        let docker = DockerClient(transport: fake)
        XCTAssertTrue(try docker.removeService("shop_web"))
        XCTAssertFalse(try docker.removeService("gone"))  // the fake's 404 fallback
        XCTAssertNil(try docker.inspectService("gone"))
    }

    func testTaskFiltersAreJSON() throws {
        let fake = FakeEngineTransport()
        fake.on("GET", "/tasks", FakeEngineReply(body: "[]"))
        let docker = DockerClient(transport: fake)
        XCTAssertEqual(try docker.listTasks(service: "shop_web", node: "w2def", desiredState: "running"), [])
        XCTAssertEqual(try docker.listTasks(), [])
        let filters = try XCTUnwrap(fake.requests[0].queryValue("filters"))
        let decoded = try JSONDecoder().decode([String: [String]].self, from: Data(filters.utf8))
        XCTAssertEqual(decoded, ["service": ["shop_web"], "node": ["w2def"], "desired-state": ["running"]])
        XCTAssertNil(fake.requests[1].queryValue("filters"), "no filter: every task")
    }

    func testServiceLogsAsksForBothStreamsAndDemultiplexes() throws {
        let fake = FakeEngineTransport()
        let frame: [UInt8] = [1, 0, 0, 0, 0, 0, 0, 6] + Array("hello\n".utf8) + [2, 0, 0, 0, 0, 0, 0, 4] + Array("oops".utf8)
        fake.on("GET", "/services/shop_web/logs", FakeEngineReply(chunks: [Array(frame[0..<5]), Array(frame[5...])]))
        var out = ""
        var err = ""
        try DockerClient(transport: fake).serviceLogs("shop_web", follow: false, tail: 20) { stream, bytes in
            if stream == .stdout { out += String(decoding: bytes, as: UTF8.self) } else { err += String(decoding: bytes, as: UTF8.self) }
        }
        XCTAssertEqual(out, "hello\n")
        XCTAssertEqual(err, "oops")
        let request = try XCTUnwrap(fake.requests.first)
        XCTAssertEqual(request.queryValue("tail"), "20")
        XCTAssertEqual(request.queryValue("follow"), "0")
        XCTAssertEqual(request.queryValue("stdout"), "1")
        XCTAssertEqual(request.queryValue("stderr"), "1")
    }
}
