import DockerEngine
import Foundation
import PaasTestSupport
import XCTest

/// How the client reads a manager's answers about the swarm, nodes, services and tasks, from
/// JSON shaped like Engine API v1.41's (fields paas ignores included).
final class SwarmDecodingTests: XCTestCase {
    private func client(_ routes: [(String, String, String)]) -> (DockerClient, FakeEngineTransport) {
        let fake = FakeEngineTransport()
        for (method, path, body) in routes { fake.on(method, path, FakeEngineReply(body: body)) }
        return (DockerClient(transport: fake), fake)
    }

    func testInfoOfAnActiveManagerAndOfAnInactiveDaemon() throws {
        let active = #"""
            {"ID":"7TRN:IPZB","Containers":3,"Name":"main-host","ServerVersion":"20.10.24",
             "Swarm":{"NodeID":"n1abc","NodeAddr":"10.0.0.1","LocalNodeState":"active","ControlAvailable":true,"Error":"",
              "RemoteManagers":[{"NodeID":"n1abc","Addr":"10.0.0.1:2377"}],"Nodes":2,"Managers":1,
              "Cluster":{"ID":"clu5","Version":{"Index":10},"CreatedAt":"2026-11-30T01:00:00Z",
               "Spec":{"Name":"default","Orchestration":{"TaskHistoryRetentionLimit":3},"Dispatcher":{"HeartbeatPeriod":2000000000}}}}}
            """#
        let (docker, _) = client([("GET", "/info", active)])
        let state = try docker.swarmState()
        XCTAssertEqual(
            state,
            SwarmState(
                localNodeState: "active", nodeID: "n1abc", nodeAddress: "10.0.0.1", clusterID: "clu5", isManager: true,
                remoteManagers: ["10.0.0.1:2377"]))
        XCTAssertTrue(state.isActive)

        let inactive = #"""
            {"ID":"X","Swarm":{"NodeID":"","NodeAddr":"","LocalNodeState":"inactive","ControlAvailable":false,"Error":"","RemoteManagers":null}}
            """#
        let (other, _) = client([("GET", "/info", inactive)])
        let idle = try other.swarmState()
        XCTAssertEqual(idle.localNodeState, "inactive")
        XCTAssertFalse(idle.isActive)
        XCTAssertFalse(idle.isManager)
        XCTAssertEqual(idle.remoteManagers, [])
        XCTAssertEqual(idle.clusterID, "")
    }

    func testManagerWithUnspecifiedStatusAddressTakesItsManagerAddress() throws {
        let nodes = #"""
            [{"ID":"n1abc","Version":{"Index":31},"CreatedAt":"2026-11-30T01:00:00Z","UpdatedAt":"2026-11-30T01:02:00Z",
              "Spec":{"Labels":{"role":"app","paas.node":"main"},"Role":"manager","Availability":"active","Name":"main"},
              "Description":{"Hostname":"main-host","Platform":{"Architecture":"x86_64","OS":"linux"},
               "Resources":{"NanoCPUs":2000000000,"MemoryBytes":4100000000},
               "Engine":{"EngineVersion":"20.10.24","Plugins":[{"Type":"Network","Name":"overlay"}]},"TLSInfo":{"TrustRoot":"x"}},
              "Status":{"State":"ready","Addr":"0.0.0.0"},
              "ManagerStatus":{"Leader":true,"Reachability":"reachable","Addr":"10.0.0.1:2377"}},
             {"ID":"w2def","Version":{"Index":40},
              "Spec":{"Labels":{},"Role":"worker","Availability":"drain"},
              "Description":{"Hostname":"worker-2","Engine":{"EngineVersion":"24.0.7"}},
              "Status":{"State":"down","Message":"heartbeat failure","Addr":"10.0.0.2"}}]
            """#
        let (docker, fake) = client([("GET", "/nodes", nodes)])
        let list = try docker.listNodes()
        XCTAssertEqual(list.count, 2)
        XCTAssertEqual(list[0].address, "10.0.0.1", "0.0.0.0 is replaced by the manager address without its port")
        XCTAssertTrue(list[0].isLeader)
        XCTAssertEqual(list[0].version, 31)
        XCTAssertEqual(list[0].spec, SwarmNode.Spec(name: "main", labels: ["role": "app", "paas.node": "main"], role: "manager"))
        XCTAssertEqual(list[0].hostname, "main-host")
        XCTAssertEqual(list[0].engineVersion, "20.10.24")
        XCTAssertEqual(list[0].state, "ready")
        XCTAssertEqual(list[1].address, "10.0.0.2")
        XCTAssertEqual(list[1].state, "down")
        XCTAssertEqual(list[1].spec.availability, "drain")
        XCTAssertNil(list[1].spec.name)
        XCTAssertFalse(list[1].isLeader)
        XCTAssertEqual(fake.requests.map(\.path), ["/nodes"])
    }

    func testMissingNodeIsNilAndAnyOtherErrorThrows() throws {
        let fake = FakeEngineTransport()
        fake.on("GET", "/nodes/gone", FakeEngineReply(status: 404, body: #"{"message":"node gone not found"}"#))
        fake.on("GET", "/nodes/sick", FakeEngineReply(status: 503, body: #"{"message":"This node is not a swarm manager."}"#))
        let docker = DockerClient(transport: fake)
        XCTAssertNil(try docker.inspectNode("gone"))
        XCTAssertThrowsError(try docker.inspectNode("sick")) {
            XCTAssertEqual($0 as? EngineError, .api(status: 503, message: "This node is not a swarm manager."))
        }
    }

    /// A service as `GET /services/{id}` returns it, mid-rollback, with fields paas does not model.
    static let serviceJSON = #"""
        {"ID":"svc9","Version":{"Index":77},"CreatedAt":"2026-11-30T01:00:00Z","UpdatedAt":"2026-11-30T01:05:00Z",
         "Spec":{"Name":"shop_web","Labels":{"paas.app":"shop","paas.process":"web","paas.release":"v3"},
          "TaskTemplate":{"ContainerSpec":{"Image":"10.0.0.1:5000/paas/shop@sha256:abc","Labels":{"paas.release":"v3"},
            "Command":["/bin/sh","-c","gunicorn app"],"Env":["PORT=5000","DYNO=web.{{.Task.Slot}}"],
            "Isolation":"default","StopGracePeriod":10000000000,
            "Healthcheck":{"Test":["CMD-SHELL","exit 0"],"Interval":1000000000,"Timeout":5000000000,"StartPeriod":10000000000,"Retries":3},
            "CapabilityDrop":["NET_RAW"]},
           "Resources":{"Limits":{"MemoryBytes":268435456,"Pids":64},"Reservations":{}},
           "LogDriver":{"Name":"json-file","Options":{"max-file":"3","max-size":"10m"}},
           "RestartPolicy":{"Condition":"any","Delay":1000000000,"MaxAttempts":0},
           "Placement":{"Constraints":["node.labels.role==app"]},
           "Networks":[{"Target":"net1","Aliases":["web"]}],"ForceUpdate":2,"Runtime":"container"},
          "Mode":{"Replicated":{"Replicas":2}},
          "UpdateConfig":{"Parallelism":1,"FailureAction":"rollback","Monitor":2000000000,"MaxFailureRatio":0,"Order":"start-first"},
          "RollbackConfig":{"Parallelism":0,"FailureAction":"continue","Monitor":1000000000,"MaxFailureRatio":0,"Order":"start-first"},
          "EndpointSpec":{"Mode":"dnsrr","Ports":[{"Protocol":"tcp","TargetPort":5000,"PublishMode":"host"}]}},
         "PreviousSpec":{"Name":"shop_web","TaskTemplate":{"ContainerSpec":{"Image":"old"}},"Mode":{"Replicated":{"Replicas":2}}},
         "Endpoint":{"Spec":{"Mode":"dnsrr"},"Ports":[{"Protocol":"tcp","TargetPort":5000,"PublishMode":"host"}]},
         "UpdateStatus":{"State":"rollback_completed","StartedAt":"2026-11-30T01:04:00Z",
          "Message":"rollback completed"}}
        """#

    func testServiceDecodesItsSpecAndUpdateStatus() throws {
        let (docker, _) = client([("GET", "/services/shop_web", Self.serviceJSON)])
        let service = try XCTUnwrap(try docker.inspectService("shop_web"))
        XCTAssertEqual(service.id, "svc9")
        XCTAssertEqual(service.version, 77)
        XCTAssertEqual(service.updateState, "rollback_completed")
        XCTAssertEqual(service.updateMessage, "rollback completed")
        let spec = service.spec
        XCTAssertEqual(spec.name, "shop_web")
        XCTAssertEqual(spec.mode.replicas, 2)
        XCTAssertEqual(spec.labels?["paas.release"], "v3")
        XCTAssertEqual(spec.taskTemplate.containerSpec.image, "10.0.0.1:5000/paas/shop@sha256:abc")
        XCTAssertEqual(spec.taskTemplate.containerSpec.env, ["PORT=5000", "DYNO=web.{{.Task.Slot}}"])
        XCTAssertEqual(spec.taskTemplate.containerSpec.healthCheck?.retries, 3)
        XCTAssertEqual(spec.taskTemplate.containerSpec.healthCheck?.startPeriod, 10_000_000_000)
        XCTAssertEqual(spec.taskTemplate.placement?.constraints, ["node.labels.role==app"])
        XCTAssertEqual(spec.taskTemplate.forceUpdate, 2)
        XCTAssertEqual(spec.taskTemplate.resources?.limits?.memoryBytes, 268_435_456)
        XCTAssertEqual(spec.taskTemplate.resources?.limits?.pids, 64)
        XCTAssertEqual(spec.taskTemplate.logDriver, .init(name: "json-file", options: ["max-file": "3", "max-size": "10m"]))
        XCTAssertEqual(spec.updateConfig?.order, "start-first")
        XCTAssertEqual(spec.updateConfig?.failureAction, "rollback")
        XCTAssertEqual(spec.rollbackConfig?.parallelism, 0)
        XCTAssertEqual(spec.endpointSpec?.ports, [.init(targetPort: 5000, publishMode: "host")])
    }

    func testServiceNeverUpdatedHasNoUpdateState() throws {
        let body = #"""
            [{"ID":"s1","Version":{"Index":5},"Spec":{"Name":"shop_worker","TaskTemplate":{"ContainerSpec":{"Image":"i"}},
              "Mode":{"Replicated":{"Replicas":1}}}}]
            """#
        let (docker, fake) = client([("GET", "/services", body)])
        let services = try docker.listServices(labels: ["paas.app": "shop"])
        XCTAssertEqual(services.count, 1)
        XCTAssertNil(services[0].updateState)
        XCTAssertNil(services[0].spec.updateConfig)
        XCTAssertEqual(services[0].spec.mode.replicas, 1)
        XCTAssertEqual(fake.requests[0].queryValue("filters"), #"{"label":["paas.app=shop"]}"#)
    }

    func testTasksDecodePortSlotLabelsErrorAndServingState() throws {
        let tasks = #"""
            [{"ID":"t1","Version":{"Index":90},"CreatedAt":"2026-11-30T01:03:00Z","UpdatedAt":"2026-11-30T01:03:05Z",
              "Labels":{},"Spec":{"ContainerSpec":{"Image":"reg/paas/shop@sha256:abc","Labels":{"paas.release":"v4","paas.process":"web"},
               "Env":["PORT=5000"]},"Resources":{"Limits":{}},"Placement":{"Constraints":["node.labels.role==app"]},"ForceUpdate":0},
              "ServiceID":"svc9","Slot":2,"NodeID":"w2def",
              "Status":{"Timestamp":"2026-11-30T01:03:05.123Z","State":"running","Message":"started",
               "ContainerStatus":{"ContainerID":"c0ffee","PID":4242,"ExitCode":0},
               "PortStatus":{"Ports":[{"Protocol":"tcp","TargetPort":5000,"PublishedPort":30001,"PublishMode":"host"}]}},
              "DesiredState":"running","NetworksAttachments":[{"Network":{"ID":"net1"},"Addresses":["10.0.1.5/24"]}]},
             {"ID":"t0","ServiceID":"svc9","Slot":1,"NodeID":"n1abc",
              "Spec":{"ContainerSpec":{"Image":"x","Labels":{"paas.release":"v4"}}},
              "Status":{"Timestamp":"2026-11-30T01:03:01Z","State":"failed","Message":"started",
               "Err":"task: non-zero exit (3)","ContainerStatus":{"ContainerID":"dead","PID":0,"ExitCode":3},"PortStatus":{}},
              "DesiredState":"shutdown"},
             {"ID":"t3","ServiceID":"svc9","Slot":3,
              "Spec":{"ContainerSpec":{"Image":"x"}},
              "Status":{"Timestamp":"2026-11-30T01:03:02Z","State":"pending","Message":"pending task scheduling",
               "Err":"no suitable node (scheduling constraints not satisfied on 2 nodes)","PortStatus":{}},
              "DesiredState":"running"}]
            """#
        let (docker, _) = client([("GET", "/tasks", tasks)])
        let list = try docker.listTasks(service: "svc9")
        XCTAssertEqual(list.count, 3)
        XCTAssertEqual(
            list[0],
            SwarmTask(
                id: "t1", serviceID: "svc9", nodeID: "w2def", slot: 2, desiredState: "running", state: "running",
                message: "started", containerID: "c0ffee", exitCode: 0, publishedPorts: [30001],
                labels: ["paas.release": "v4", "paas.process": "web"], timestamp: "2026-11-30T01:03:05.123Z"))
        XCTAssertTrue(list[0].isServing)
        XCTAssertEqual(list[1].error, "task: non-zero exit (3)")
        XCTAssertEqual(list[1].exitCode, 3)
        XCTAssertEqual(list[1].publishedPorts, [])
        XCTAssertFalse(list[1].isServing)
        XCTAssertEqual(list[2].nodeID, "", "an unplaced task has no node")
        XCTAssertEqual(list[2].labels, [:])
        XCTAssertFalse(list[2].isServing, "pending is not serving even when wanted running")
        var stopping = list[0]
        stopping.desiredState = "shutdown"
        XCTAssertFalse(stopping.isServing, "running but being shut down is not serving")
    }
}
