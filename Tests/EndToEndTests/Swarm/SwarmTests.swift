import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// Issue 11, end to end: a swarm of this host (manager) and two simulated Docker hosts, one
/// `app` node and one `accessory` node; pushes over real ssh and git, traffic through HAProxy.
final class SwarmTests: SwarmClusterTestCase {
    /// A new swarm app of this test: created, put on docker-swarm, not yet deployed.
    private func swarmApp(_ suffix: String) throws -> String {
        let c = try cluster
        let app = "\(c.paas.id.value)-\(suffix)"
        try c.expectOK(["apps:create", app])
        try c.expectOK(["scheduler:set", app, "selected", "docker-swarm"])
        return app
    }

    // MARK: - Nodes

    func testNodesAreListedWithRolesStateAndTheRegistry() throws {
        let c = try cluster
        struct Row: Decodable {
            let name: String
            let address: String
            let state: String
            let labels: [String: String]
            let registry: String?
        }
        let list = try c.expectOK(["nodes:list", "--format", "json"])
        let rows = try JSONDecoder().decode([Row].self, from: Data(list.stdout))
        XCTAssertEqual(rows.map(\.name), ["main", "app1", "db1"], list.summary)
        XCTAssertEqual(rows.map { $0.labels["role"] }, ["app", "app", "accessory"])
        XCTAssertEqual(rows.map(\.state), ["ready", "ready", "ready"])
        XCTAssertEqual(rows.map(\.address), [c.nodes.hostAddress, c.appNode.address, c.dbNode.address])
        XCTAssertEqual(rows.first?.registry, c.nodes.hostAddress + ":5000")

        let report = try c.expectOK(["nodes:report", "app1"])
        XCTAssertTrue(report.stdoutText.contains("unix://" + c.appNode.socketPath), report.summary)
        XCTAssertTrue(try c.expectOK(["nodes:registry", "status"]).stdoutText.contains("answering (pid"))

        let label = try c.expectOK(["nodes:label", "app1", "zone=b"])
        XCTAssertTrue(label.succeeded)
        let relisted = try JSONDecoder().decode([Row].self, from: Data(try c.expectOK(["nodes:list", "--format", "json"]).stdout))
        XCTAssertEqual(relisted.first { $0.name == "app1" }?.labels, ["role": "app", "zone": "b"])
        try c.expectOK(["nodes:label", "app1", "zone="])
    }

    // MARK: - Deploys

    func testPushRunsOnTheSwarmScalesAcrossNodesAndRollsWithoutAFailedRequest() throws {
        let c = try cluster
        let app = try swarmApp("web")
        let repo = try RolloutApps.make("one")
        let push = try c.paas.push(repo, app: app)
        XCTAssertTrue(push.succeeded, push.summary)
        XCTAssertTrue(push.stderrText.contains("Pushing paas/\(app):v1 to the registry at \(c.nodes.hostAddress):5000"), push.summary)
        XCTAssertTrue(push.stderrText.contains("web.1 on "), push.summary)
        XCTAssertEqual(try c.paas.waitFor(app: app, body: "one\n").status, 200)

        // Three replicas: on the manager and the app node, never on the accessory node.
        try c.expectOK(["ps:scale", app, "web=3"])
        let tasks = try c.servingTasks(app: app)
        XCTAssertEqual(tasks.count, 3)
        let main = try DockerClient.local(cancellation: nil).listNodes()
        let byID = Dictionary(uniqueKeysWithValues: main.map { ($0.id, $0.spec.labels["paas.node"] ?? "?") })
        XCTAssertEqual(Set(tasks.map { byID[$0.nodeID] ?? "?" }), ["main", "app1"], "tasks spread over both app nodes")
        let report = try c.expectOK(["ps:report", app])
        XCTAssertEqual(report.stdoutText.components(separatedBy: "running").count - 1, 3, report.summary)
        XCTAssertTrue(report.stdoutText.contains("on app1 (\(c.appNode.address):"), report.summary)
        // Where the proxy sends the traffic: each task at its node's address, none twice.
        let proxied = try c.expectOK(["proxy:report", app, "--format", "json"]).stdoutText
        let upstreams = try XCTUnwrap(
            (try JSONSerialization.jsonObject(with: Data(proxied.utf8)) as? [String: String])?["upstreams"], proxied)
            .split(separator: " ").map(String.init)
        XCTAssertEqual(Set(upstreams).count, 3, proxied)
        XCTAssertTrue(upstreams.contains { $0.hasPrefix(c.appNode.address + ":") }, proxied)
        XCTAssertTrue(
            upstreams.allSatisfy { $0.hasPrefix(c.nodes.hostAddress + ":") || $0.hasPrefix(c.appNode.address + ":") },
            "this host's tasks at its swarm address, not 127.0.0.1: \(proxied)")
        // Every upstream answers through HAProxy.
        for _ in 0..<12 { XCTAssertEqual(try c.paas.get(app: app).body, "one\n") }

        // The app node pulled the image by digest from the registry; the accessory node has none.
        XCTAssertTrue(try c.imageNames(on: c.appNode).contains { $0.hasPrefix("\(c.nodes.hostAddress):5000/paas/\(app)@sha256:") })
        XCTAssertFalse(try c.imageNames(on: c.dbNode).contains { $0.contains("/paas/\(app)") })

        // A rolling update of 3 replicas under load: start-first, not one failed request.
        let load = try LoadLoop(c.paas, app: app, rate: 100, seconds: 120, keepalive: true)
        try RolloutApps.write(repo, version: "two")
        try repo.commit("two")
        let second = try c.paas.push(repo, app: app)
        XCTAssertTrue(second.succeeded, second.summary)
        try c.paas.waitFor(app: app, body: "two\n")
        Thread.sleep(forTimeInterval: 1)
        let records = try load.stop()
        let failed = records.filter { !$0.ok }
        XCTAssertGreaterThan(records.count, 100, load.summary)
        XCTAssertEqual(failed.count, 0, "failed: \(failed.prefix(5).map { "\($0.status) \($0.error ?? "")" })")
        XCTAssertEqual(Set(try c.servingTasks(app: app).map { $0.labels["paas.release"] ?? "" }), ["v2"])
        let service = try XCTUnwrap(try DockerClient.local(cancellation: nil).inspectService("\(app)_web"))
        XCTAssertEqual(service.spec.updateConfig?.order, "start-first")
        XCTAssertEqual(service.spec.updateConfig?.failureAction, "rollback")
        XCTAssertTrue(service.spec.taskTemplate.containerSpec.image.contains("@sha256:"))
        XCTAssertNotNil(service.spec.taskTemplate.containerSpec.healthCheck)

        // config:set rolls a new release; rollback goes back; run and logs work.
        try c.expectOK(["config:set", app, "GREETING=hi"])
        XCTAssertEqual(Set(try c.servingTasks(app: app).map { $0.labels["paas.release"] ?? "" }), ["v3"])
        let run = try c.expectOK(["run", app, "sh", "-c", "echo $GREETING"])
        XCTAssertEqual(run.stdoutText, "hi\n")
        try c.expectOK(["rollback", app, "v1"])
        try c.paas.waitFor(app: app, body: "one\n")
        XCTAssertTrue(try c.expectOK(["logs", app, "-n", "5"]).succeeded)

        // ps:stop answers 503 and keeps the tasks gone; ps:start brings them back.
        try c.expectOK(["ps:stop", app])
        XCTAssertTrue(waitUntil(timeout: .seconds(20)) { (try? c.servingTasks(app: app).count) == 0 })
        XCTAssertEqual(try c.paas.get(app: app).status, 503)
        try c.expectOK(["ps:start", app])
        try c.paas.waitFor(app: app, body: "one\n")

        // Image clean-up removes old releases from the registry too; apps:destroy removes the rest.
        XCTAssertEqual(try c.registryTags(app: app), ["v1", "v2", "v3", "v4"])
        try c.expectOK(["releases:set", app, "keep", "1"])
        try RolloutApps.write(repo, version: "three")
        try repo.commit("three")
        XCTAssertTrue(try c.paas.push(repo, app: app).succeeded)
        XCTAssertEqual(try c.registryTags(app: app), ["v5"])
        try c.expectOK(["apps:destroy", app, "--force"])
        XCTAssertNil(try DockerClient.local(cancellation: nil).inspectService("\(app)_web"))
        XCTAssertEqual(try c.registryTags(app: app), [])
    }

    func testAFailingOrInterruptedDeployLeavesTheOldReleaseServing() throws {
        let c = try cluster
        let app = try swarmApp("fail")
        let repo = try RolloutApps.make("good")
        XCTAssertTrue(try c.paas.push(repo, app: app).succeeded)
        try c.expectOK(["ps:scale", app, "web=2"])
        try c.paas.waitFor(app: app, body: "good\n")

        // The health check of app.json fails: Swarm rolls back, the push is refused.
        try RolloutApps.write(repo, version: "bad", health: false, appJSON: RolloutApps.healthJSON)
        try repo.commit("bad")
        let bad = try c.paas.push(repo, app: app)
        XCTAssertFalse(bad.succeeded, bad.summary)
        XCTAssertTrue(bad.stderrText.contains("did not converge"), bad.summary)
        XCTAssertEqual(try c.paas.get(app: app).body, "good\n")
        XCTAssertTrue(waitUntil(timeout: .seconds(60)) {
            (try? c.servingTasks(app: app).map { $0.labels["paas.release"] ?? "" }) == ["v1", "v1"]
        }, "tasks: \((try? c.servingTasks(app: app).map { $0.labels["paas.release"] ?? "" }) ?? [])")
        let releases = try c.expectOK(["releases", app])
        XCTAssertFalse(releases.stdoutText.contains("v2"), releases.summary)

        // Interrupted while the new tasks start: rolled back the same way.
        try RolloutApps.write(repo, version: "slow", extraDockerfile: [], command: "sh -c 'sleep 8; exec httpd -f -p $PORT -h /www'")
        try repo.commit("slow")
        let push = try PushProcess(repo, harness: c.paas, app: app)
        XCTAssertTrue(waitUntil(timeout: .seconds(60)) { push.time(of: "Updating services") != nil }, push.output)
        push.interrupt()
        XCTAssertNotEqual(push.wait(), 0)
        XCTAssertTrue(waitUntil(timeout: .seconds(90)) {
            (try? c.servingTasks(app: app).map { $0.labels["paas.release"] ?? "" }) == ["v1", "v1"]
        })
        XCTAssertEqual(try c.paas.get(app: app).body, "good\n")
        try c.expectOK(["apps:destroy", app, "--force"])
    }

    // MARK: - Accessories

    func testAnAccessoryRunsPinnedToItsNodeAndAppDeploysNeverTouchIt() throws {
        let c = try cluster
        let name = "cache-" + String(c.paas.id.value.suffix(6))
        try c.expectOK([
            "accessories:add", name, "--image", "paas/busybox:latest", "--node", "db1", "--env", "MODE=test",
            "--command", "exec httpd -f -p 7000 -h /etc", "--publish", "7000",
        ])
        let list = try c.expectOK(["accessories:list"])
        XCTAssertTrue(list.stdoutText.contains(name) && list.stdoutText.contains("db1") && list.stdoutText.contains("running"), list.summary)
        XCTAssertTrue(waitUntil(timeout: .seconds(20)) { SwarmCluster.accepts(c.dbNode.address, 7000) }, "accessory port")
        let docker = DockerClient.local(cancellation: nil)
        let before = try XCTUnwrap(try docker.inspectService("paas-accessory-\(name)"))

        let app = try swarmApp("acc")
        XCTAssertTrue(try c.paas.push(try RolloutApps.make("with accessory"), app: app).succeeded)
        try c.expectOK(["ps:scale", app, "web=3"])
        let after = try XCTUnwrap(try docker.inspectService("paas-accessory-\(name)"))
        XCTAssertEqual(after.version, before.version, "an app deploy changed the accessory")
        let dbImages = try c.imageNames(on: c.dbNode)
        XCTAssertFalse(dbImages.contains { $0.contains("/paas/") }, "app images on the accessory node: \(dbImages)")
        XCTAssertTrue(dbImages.contains { $0.contains("/paas-accessory/\(name)@sha256:") }, "\(dbImages)")

        try c.expectOK(["accessories:remove", name])
        XCTAssertNil(try docker.inspectService("paas-accessory-\(name)"))
        try c.expectOK(["apps:destroy", app, "--force"])
    }
}
