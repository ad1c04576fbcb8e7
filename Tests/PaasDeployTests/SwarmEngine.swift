import DockerEngine
import Foundation
import PaasTestSupport
import Synchronization

/// A fake swarm manager's Engine: each "METHOD /path" answers from a script of replies, one per
/// call, the last repeated; anything unscripted gets 404. Records every request.
final class SwarmEngine: EngineTransport {
    private final class Scripts: Sendable {
        let replies = Mutex<[String: [FakeEngineReply]]>([:])
    }

    private let scripts = Scripts()
    let fake: FakeEngineTransport

    init() {
        let scripts = self.scripts
        fake = FakeEngineTransport { r in
            scripts.replies.withLock { all in
                let route = "\(r.method) \(r.path)"
                guard var replies = all[route], let first = replies.first else {
                    return FakeEngineReply(status: 404, body: #"{"message":"no route \#(route)"}"#)
                }
                if replies.count > 1 {
                    replies.removeFirst()
                    all[route] = replies
                }
                return first
            }
        }
    }

    /// Answers `method path` with `bodies` (status 200), one per call, the last repeated.
    func on(_ method: String, _ path: String, _ bodies: String...) {
        scripts.replies.withLock { $0["\(method) \(path)"] = bodies.map { FakeEngineReply(body: $0) } }
    }

    func perform(_ request: EngineRequest, onChunk: ((UnsafeRawBufferPointer) -> Void)?) throws -> EngineResponse {
        try fake.perform(request, onChunk: onChunk)
    }

    /// "METHOD /path" of every request so far.
    var routes: [String] { fake.requests.map { "\($0.method) \($0.path)" } }

    // MARK: - JSON shaped like a v1.41 manager's

    /// `GET /info` of an active manager.
    static let managerInfo = #"""
        {"Swarm":{"NodeID":"n-main","NodeAddr":"127.0.0.1","LocalNodeState":"active","ControlAvailable":true,
         "Cluster":{"ID":"clu"},"RemoteManagers":[{"NodeID":"n-main","Addr":"127.0.0.1:2377"}]}}
        """#

    /// A node in `GET /nodes`.
    static func node(
        _ id: String, address: String, labels: [String: String] = ["role": "app"], state: String = "ready",
        availability: String = "active", manager: Bool = false
    ) -> String {
        let labelJSON = String(decoding: try! JSONEncoder().encode(labels), as: UTF8.self)
        let managerStatus = manager ? #","ManagerStatus":{"Leader":true,"Reachability":"reachable","Addr":"\#(address):2377"}"# : ""
        return #"""
            {"ID":"\#(id)","Version":{"Index":9},"Spec":{"Labels":\#(labelJSON),"Role":"\#(manager ? "manager" : "worker")",
             "Availability":"\#(availability)"},"Description":{"Hostname":"host-\#(id)","Engine":{"EngineVersion":"20.10.24"}},
             "Status":{"State":"\#(state)","Addr":"\#(manager ? "0.0.0.0" : address)"}\#(managerStatus)}
            """#
    }

    /// A task in `GET /tasks`.
    static func task(
        _ id: String, slot: Int, node: String, state: String, desired: String = "running", release: String = "v2",
        deploy: String = "d2", port: Int? = nil, error: String? = nil, exitCode: Int? = nil, at timestamp: String = "2026-11-30T04:00:00Z"
    ) -> String {
        let ports = port.map { #"{"Ports":[{"Protocol":"tcp","TargetPort":5000,"PublishedPort":\#($0),"PublishMode":"host"}]}"# } ?? "{}"
        let err = error.map { #","Err":"\#($0)""# } ?? ""
        let exit = exitCode.map { #","ContainerStatus":{"ContainerID":"c-\#(id)","PID":0,"ExitCode":\#($0)}"# } ?? ""
        return #"""
            {"ID":"\#(id)","ServiceID":"svc","Slot":\#(slot),"NodeID":"\#(node)",
             "Spec":{"ContainerSpec":{"Image":"reg/paas/shop@sha256:1","Labels":{"paas.release":"\#(release)","paas.deploy":"\#(deploy)"}}},
             "Status":{"Timestamp":"\#(timestamp)","State":"\#(state)","Message":"\#(state)"\#(err)\#(exit),"PortStatus":\#(ports)},
             "DesiredState":"\#(desired)"}
            """#
    }

    /// A service in `GET /services/{id}` with its update state (nil: never updated).
    static func service(_ id: String, name: String, replicas: Int, update: String?, message: String? = nil) -> String {
        let status = update.map { #","UpdateStatus":{"State":"\#($0)","Message":"\#(message ?? "update \($0)")"}"# } ?? ""
        return #"""
            {"ID":"\#(id)","Version":{"Index":12},"Spec":{"Name":"\#(name)","Labels":{"paas.app":"shop"},
             "TaskTemplate":{"ContainerSpec":{"Image":"reg/paas/shop@sha256:1"}},"Mode":{"Replicated":{"Replicas":\#(replicas)}}}\#(status)}
            """#
    }

    static func list(_ items: String...) -> String { "[" + items.joined(separator: ",") + "]" }
}
