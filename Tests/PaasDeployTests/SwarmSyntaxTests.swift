import AppSpec
import DockerEngine
import XCTest

@testable import PaasDeploy

/// What users type for nodes, engines, labels, placements and accessory volumes: accepted
/// forms, and refusals before anything reaches ssh or the Engine.
final class SwarmSyntaxTests: XCTestCase {
    func testEngineEndpointAcceptsUnixSocketsAndSshHosts() throws {
        XCTAssertEqual(try EngineEndpoint.parse("unix:///var/run/docker.sock"), .unix(path: "/var/run/docker.sock"))
        XCTAssertEqual(try EngineEndpoint.parse("ssh://root@node2.example.com"), .ssh(user: "root", host: "node2.example.com", port: 22))
        XCTAssertEqual(try EngineEndpoint.parse("ssh://deploy_1@10.0.0.2:2222"), .ssh(user: "deploy_1", host: "10.0.0.2", port: 2222))
        XCTAssertEqual(try EngineEndpoint.parse("ssh://root@h:65535"), .ssh(user: "root", host: "h", port: 65535))
        XCTAssertEqual(try EngineEndpoint.parse("ssh://root@10.0.0.2:2222").description, "ssh://root@10.0.0.2:2222")
        XCTAssertEqual(try EngineEndpoint.parse("ssh://root@10.0.0.2:22").description, "ssh://root@10.0.0.2")
        XCTAssertEqual(try EngineEndpoint.parse("unix:///run/d.sock").description, "unix:///run/d.sock")
        XCTAssertEqual(try EngineEndpoint.parse("ssh://root@10.0.0.2").sshHost, "10.0.0.2")
        XCTAssertNil(try EngineEndpoint.parse("unix:///run/d.sock").sshHost)
    }

    func testEngineEndpointRefusesWhatSshOrCurlCouldMisread() {
        let bad = [
            "ssh://root@-oProxyCommand=touch /tmp/x", "ssh://root@-host", "ssh://-l@host", "ssh://root@host name",
            "ssh://root@ host", "ssh://root@host:0", "ssh://root@host:65536", "ssh://root@host:abc", "ssh://root@host:",
            "ssh://root@", "ssh://@host", "ssh://host", "ssh://root@a@b", "ssh://root@host/path", "ssh://Root@host",
            "ssh://root@host;id", "ssh://root@$(id)", "ssh://root@host\n", "unix://var/run/docker.sock", "unix://",
            "unix:///a/../etc/x.sock", "tcp://10.0.0.2:2375", "http://10.0.0.2", "SSH://root@host", "/var/run/docker.sock",
            "", "unix:///" + String(repeating: "a", count: 250),
        ]
        for text in bad {
            XCTAssertThrowsError(try EngineEndpoint.parse(text), text) {
                XCTAssertEqual($0 as? ClusterError, .badEngine(text), text)
            }
        }
        XCTAssertEqual(
            "\(ClusterError.badEngine("tcp://x"))",
            "invalid engine 'tcp://x': expected unix:///PATH/TO/docker.sock or ssh://USER@HOST[:PORT]")
    }

    func testNodeLabelPairs() {
        XCTAssertEqual(NodeLabels.pair("role=app").map { [$0.0, $0.1] }, ["role", "app"])
        XCTAssertEqual(NodeLabels.pair("disk.type=ssd-1_x").map { [$0.0, $0.1] }, ["disk.type", "ssd-1_x"])
        XCTAssertEqual(NodeLabels.pair("role=").map { [$0.0, $0.1] }, ["role", ""], "an empty value removes")
        XCTAssertEqual(NodeLabels.pair("k=" + String(repeating: "v", count: 200))?.1.count, 200)
        for bad in [
            "role", "=app", "ro le=app", "role=a b", "role=a,b", "role=a=b", "-role=app", ".role=app", "role=app\n",
            "role\n=app", "role=\u{7f}", "role=é", String(repeating: "k", count: 101) + "=v",
            "k=" + String(repeating: "v", count: 201), "",
        ] {
            XCTAssertNil(NodeLabels.pair(bad), bad)
        }
    }

    func testPlacementParsingAndConstraints() throws {
        XCTAssertEqual(try SchedulerChoice.parse("role=db"), ["role": "db"])
        XCTAssertEqual(try SchedulerChoice.parse("zone=eu,role=app"), ["zone": "eu", "role": "app"])
        for bad in ["", "role", "role=", "role=app,", ",role=app", "role=app,,zone=eu", "role=a b"] {
            XCTAssertThrowsError(try SchedulerChoice.parse(bad), bad) { XCTAssertEqual($0 as? ClusterError, .badPlacement(bad)) }
        }
        XCTAssertEqual(
            SchedulerChoice.constraints(["zone": "eu", "role": "app"]), ["node.labels.role==app", "node.labels.zone==eu"],
            "sorted, so an unchanged placement gives an unchanged spec")
        XCTAssertEqual(SchedulerChoice.constraints([:]), [])
    }

    func testNodeNamesAddressesAndApiVersions() {
        for good in ["a", "node-2", "0x", String(repeating: "n", count: 63)] { XCTAssertTrue(Cluster.isValidName(good), good) }
        for bad in ["", "-n", "Node", "n_2", "n.2", "n 2", "n/2", String(repeating: "n", count: 64), "node\n"] {
            XCTAssertFalse(Cluster.isValidName(bad), bad)
        }
        XCTAssertTrue(Cluster.isIPv4("10.0.0.2"))
        XCTAssertTrue(Cluster.isIPv4("127.0.0.1"))
        for bad in ["10.0.0", "256.0.0.1", "::1", "node2", "", "10.0.0.2 ", "10.0.0.2:22"] { XCTAssertFalse(Cluster.isIPv4(bad), bad) }
        XCTAssertTrue(Cluster.api("1.41", atLeast: "1.41"))
        XCTAssertTrue(Cluster.api("1.43", atLeast: "1.41"))
        XCTAssertTrue(Cluster.api("2.0", atLeast: "1.41"))
        XCTAssertTrue(Cluster.api("1.41.1", atLeast: "1.41"))
        XCTAssertFalse(Cluster.api("1.40", atLeast: "1.41"))
        XCTAssertFalse(Cluster.api("1.9", atLeast: "1.41"), "numeric, not text, comparison")
        XCTAssertFalse(Cluster.api("0.99", atLeast: "1.41"))
        XCTAssertFalse(Cluster.api("1", atLeast: "1.41"))
        XCTAssertFalse(Cluster.api("", atLeast: "1.41"))
    }

    func testAccessoryVolumes() throws {
        XCTAssertEqual(try Accessories.mount("pgdata:/var/lib/postgresql/data"), .init(type: "volume", source: "pgdata", target: "/var/lib/postgresql/data"))
        XCTAssertEqual(try Accessories.mount("/srv/conf:/etc/app:ro"), .init(type: "bind", source: "/srv/conf", target: "/etc/app", readOnly: true))
        XCTAssertEqual(try Accessories.mount("v.1_x-y:/d").type, "volume")
        for bad in [
            "pgdata", "pgdata:data", "pgdata:/d:rw", "pgdata:/d:", "pgdata:/d:ro:x", "../x:/d", "/srv/../etc:/d", "v:/d/../e",
            "-v:/d", "v\n:/d", "a b:/d", ":/d", "v:", String(repeating: "v", count: 65) + ":/d",
        ] {
            XCTAssertThrowsError(try Accessories.mount(bad), bad)
        }
        for socket in ["/var/run/docker.sock:/var/run/docker.sock", "/run/containerd:/c", "/srv/x.sock:/s", "/proc:/p", "/dev:/dev:ro"] {
            XCTAssertThrowsError(try Accessories.mount(socket), socket) { error in
                XCTAssertEqual(error as? AccessoryError, .socketMount(socket))
            }
        }
    }

    // MARK: - Health checks of swarm tasks

    func testHttpCheckFromAppJsonPassesPathAndContentOnlyThroughEnv() {
        let hostile = "/x'; rm -rf / #$(id)`id`\"\n"
        let checks = [
            HealthCheck(type: .liveness, path: "/live"),
            HealthCheck(type: .startup, path: hostile, content: "ok'; reboot"),
        ]
        let (spec, env) = SwarmHealthcheck.make(checks: checks, port: 5000, attempts: 4)
        XCTAssertEqual(
            env, ["PAAS_CHECK_PORT": "5000", "PAAS_CHECK_PATH": hostile, "PAAS_CHECK_CONTENT": "ok'; reboot"],
            "the startup check wins over liveness")
        XCTAssertEqual(spec.test, ["CMD-SHELL", SwarmHealthcheck.script])
        for userText in ["rm -rf", "reboot", "/x'", "$(id)", "`id`", "/live", "5000"] {
            XCTAssertFalse(spec.test[1].contains(userText), "\(userText) is not in the script")
        }
        XCTAssertEqual(spec.retries, 4)
        XCTAssertEqual(spec.interval, 1_000_000_000)
        XCTAssertEqual(spec.timeout, 5_000_000_000)
        XCTAssertEqual(spec.startPeriod, 10_000_000_000)
        XCTAssertTrue(spec.isEnabled)
    }

    func testHttpCheckUsesItsOwnPortAndAddsTheLeadingSlash() {
        let (_, env) = SwarmHealthcheck.make(checks: [HealthCheck(path: "health", port: 8081)], port: 5000, attempts: 0)
        XCTAssertEqual(env, ["PAAS_CHECK_PORT": "8081", "PAAS_CHECK_PATH": "/health", "PAAS_CHECK_CONTENT": ""])
        let (liveOnly, liveEnv) = SwarmHealthcheck.make(checks: [HealthCheck(type: .liveness, path: "/live")], port: 5000, attempts: 0)
        XCTAssertEqual(liveEnv["PAAS_CHECK_PATH"], "/live", "a liveness check when it is the only HTTP one")
        XCTAssertEqual(liveOnly.retries, 1, "at least one attempt")
    }

    func testWithoutHttpCheckTheTaskIsCheckedForItsPort() {
        let checks = [HealthCheck(command: ["/bin/true"]), HealthCheck(uptime: 5)]
        let (spec, env) = SwarmHealthcheck.make(checks: checks, port: 8080, attempts: 3)
        XCTAssertEqual(env, ["PAAS_CHECK_PORT": "8080", "PAAS_CHECK_PATH": "", "PAAS_CHECK_CONTENT": ""])
        XCTAssertEqual(spec.test, ["CMD-SHELL", SwarmHealthcheck.script])
        XCTAssertEqual(spec.retries, 3)
    }
}
