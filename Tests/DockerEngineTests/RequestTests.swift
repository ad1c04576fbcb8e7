import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// How the client shapes requests and reads answers, without a daemon.
final class RequestTests: XCTestCase {
    func testErrorBodyBecomesTypedOneLineError() {
        let fake = FakeEngineTransport()
        fake.on(
            "POST", "/containers/nope/start",
            FakeEngineReply(status: 404, body: #"{"message":"No such container: nope\n"}"#))
        XCTAssertThrowsError(try DockerClient(transport: fake).startContainer("nope")) { error in
            XCTAssertEqual(error as? EngineError, .api(status: 404, message: "No such container: nope\n"))
            XCTAssertEqual("\(error)", "Docker Engine error 404: No such container: nope")
        }
    }

    func testNonJSONErrorBodyIsKeptAsText() {
        let fake = FakeEngineTransport()
        fake.on("GET", "/_ping", FakeEngineReply(status: 500, body: "boom\n"))
        XCTAssertThrowsError(try DockerClient(transport: fake).ping()) { error in
            XCTAssertEqual(error as? EngineError, .api(status: 500, message: "boom"))
        }
    }

    func testTolerableStatusesAreNotErrors() throws {
        let fake = FakeEngineTransport()
        fake.on("POST", "/containers/c/stop", FakeEngineReply(status: 304))
        fake.on("POST", "/containers/c/kill", FakeEngineReply(status: 409, body: #"{"message":"not running"}"#))
        fake.on("DELETE", "/images/gone", FakeEngineReply(status: 404, body: #"{"message":"no such image"}"#))
        fake.on(
            "DELETE", "/containers/c",
            FakeEngineReply(status: 409, body: #"{"message":"removal of container c is already in progress"}"#))
        let docker = DockerClient(transport: fake)
        try docker.stopContainer("c", timeout: 3)
        try docker.killContainer("c")
        XCTAssertFalse(try docker.removeImage("gone"))
        try docker.removeContainer("c")
        try docker.removeVolume("missing")  // the fake's 404 fallback
        XCTAssertNil(try docker.inspectContainer("missing"))
        XCTAssertNil(try docker.inspectImage("missing:1"))
        XCTAssertEqual(fake.requests[0].queryValue("t"), "3")
        XCTAssertEqual(fake.requests[1].queryValue("signal"), "SIGKILL")
    }

    func testConflictOtherThanRemovalInProgressIsAnError() {
        let fake = FakeEngineTransport()
        fake.on(
            "DELETE", "/containers/c",
            FakeEngineReply(status: 409, body: #"{"message":"cannot remove a running container"}"#))
        XCTAssertThrowsError(try DockerClient(transport: fake).removeContainer("c", force: false))
    }

    func testLabelFilterEncoding() throws {
        let fake = FakeEngineTransport()
        fake.on(
            "GET", "/containers/json",
            FakeEngineReply(body: #"[{"Id":"1","Names":["/a"],"Labels":null,"Created":5,"Extra":{"x":1}}]"#))
        fake.on("GET", "/images/json", FakeEngineReply(body: "[]"))
        fake.on("GET", "/volumes", FakeEngineReply(body: #"{"Volumes":null,"Warnings":null}"#))
        let docker = DockerClient(transport: fake)
        let containers = try docker.listContainers(labels: ["paas.app": "web", "paas.deploy": nil])
        XCTAssertEqual(containers.map(\.id), ["1"])
        XCTAssertEqual(containers[0].labels, [:])
        XCTAssertEqual(containers[0].created, 5)
        XCTAssertEqual(fake.requests[0].queryValue("filters"), #"{"label":["paas.app=web","paas.deploy"]}"#)
        XCTAssertEqual(fake.requests[0].queryValue("all"), "1")
        XCTAssertEqual(try docker.listImages(labels: [:]), [])
        XCTAssertNil(fake.requests[1].queryValue("filters"))
        XCTAssertEqual(try docker.listVolumes(labels: ["k": "v"]), [])
        XCTAssertEqual(fake.requests[2].queryValue("filters"), #"{"label":["k=v"]}"#)
    }

    func testTargetPercentEncodesQueryValues() {
        let request = EngineRequest(
            method: "GET", path: "/images/paas/app:v1/json", apiVersion: "v1.41",
            query: [("filters", #"{"label":["a=b c"]}"#), ("path", "/app")])
        XCTAssertEqual(
            request.target,
            "/v1.41/images/paas/app:v1/json?filters=%7B%22label%22:%5B%22a%3Db%20c%22%5D%7D&path=/app")
    }

    func testContainerSpecEncodesDockerKeys() throws {
        let spec = ContainerSpec(
            image: "app:1", cmd: ["web"], env: ["A=1"], labels: ["paas.app": "x"], exposedPorts: ["5000/tcp"],
            healthcheck: HealthcheckSpec(test: ["CMD", "true"], interval: 1_000_000_000, retries: 3),
            hostConfig: HostSpec(
                portBindings: ["5000/tcp": [PortBinding(hostIP: "127.0.0.1", hostPort: "")]],
                restartPolicy: "unless-stopped", init: true))
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(spec)) as! [String: Any]
        XCTAssertEqual(json["Image"] as? String, "app:1")
        XCTAssertEqual(json["Cmd"] as? [String], ["web"])
        XCTAssertNil(json["Entrypoint"])
        XCTAssertEqual((json["ExposedPorts"] as? [String: Any])?.keys.sorted(), ["5000/tcp"])
        XCTAssertEqual((json["Healthcheck"] as? [String: Any])?["Retries"] as? Int, 3)
        let host = try XCTUnwrap(json["HostConfig"] as? [String: Any])
        XCTAssertEqual((host["RestartPolicy"] as? [String: String])?["Name"], "unless-stopped")
        XCTAssertEqual(host["Init"] as? Bool, true)
        let binding = (host["PortBindings"] as? [String: [[String: String]]])?["5000/tcp"]?.first
        XCTAssertEqual(binding?["HostIp"], "127.0.0.1")
    }

    func testInspectDecodesLenientlyAndFindsHostPort() throws {
        let fake = FakeEngineTransport()
        fake.on(
            "GET", "/containers/c/json",
            FakeEngineReply(
                body: #"""
                    {"Id":"c1","Name":"/web.1","Image":"sha256:i","RestartCount":2,"Unknown":[1,2],
                     "State":{"Status":"running","Running":true,"ExitCode":0,
                              "Health":{"Status":"healthy","Log":[{"Output":"ok"}]}},
                     "Config":{"Labels":{"a":"b"},"Env":null},
                     "NetworkSettings":{"Ports":{"5000/tcp":[{"HostIp":"127.0.0.1","HostPort":"49160"}],"6000/tcp":null}}}
                    """#))
        let c = try XCTUnwrap(try DockerClient(transport: fake).inspectContainer("c"))
        XCTAssertEqual(c.name, "web.1")
        XCTAssertEqual(c.state.health, ContainerInspect.Health(status: "healthy", log: ["ok"]))
        XCTAssertEqual(c.restartCount, 2)
        XCTAssertEqual(c.config.labels, ["a": "b"])
        XCTAssertEqual(c.hostPort(for: "5000/tcp"), 49160)
        XCTAssertEqual(c.hostPort(for: "5000"), 49160)
        XCTAssertNil(c.hostPort(for: "6000/tcp"))
    }

    func testSocketPathFromDockerHost() {
        XCTAssertEqual(DockerClient.socketPath(environment: ["DOCKER_HOST": "unix:///tmp/d.sock"]), "/tmp/d.sock")
        XCTAssertEqual(
            DockerClient.socketPath(environment: ["DOCKER_HOST": "tcp://1.2.3.4:2375"]), "/var/run/docker.sock")
        XCTAssertEqual(DockerClient.socketPath(environment: [:]), "/var/run/docker.sock")
    }
}
