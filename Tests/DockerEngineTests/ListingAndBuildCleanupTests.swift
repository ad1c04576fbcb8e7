import DockerEngine
import Foundation
import PaasSupport
import XCTest

/// Published ports in the container list, and builds that leave no containers behind.
final class ListingAndBuildCleanupTests: XCTestCase {
    private var live: LiveDocker!
    private var docker: DockerClient { live.docker }

    override func setUp() {
        live = LiveDocker()
    }

    override func tearDown() {
        live.cleanUp()
        XCTAssertEqual(try docker.listContainers(labels: ["paas.test": live.id]), [], "containers left behind")
        XCTAssertEqual(try docker.listImages(labels: live.labels), [], "images left behind")
    }

    func testSummaryListsPublishedAndExposedPorts() throws {
        let id = try docker.createContainer(
            name: nil,
            ContainerSpec(
                image: try live.busybox(), cmd: ["sleep", "30"], labels: live.labels,
                exposedPorts: ["8000/tcp", "9000/udp"],
                hostConfig: HostSpec(portBindings: ["8000/tcp": [PortBinding(hostIP: "127.0.0.1")]])))
        try docker.startContainer(id)
        let hostPort = try XCTUnwrap(try docker.inspectContainer(id)?.hostPort(for: "8000/tcp"))

        let summary = try XCTUnwrap(try docker.listContainers(labels: live.labels).first { $0.id == id })
        let ports = summary.ports.sorted { $0.privatePort < $1.privatePort }
        XCTAssertEqual(
            ports,
            [
                PortMapping(ip: "127.0.0.1", privatePort: 8000, publicPort: hostPort, type: "tcp"),
                PortMapping(ip: nil, privatePort: 9000, publicPort: nil, type: "udp"),
            ])
        try docker.removeContainer(id, force: true)
    }

    func testFailingBuildLeavesNoIntermediateContainer() throws {
        let dockerfile = "FROM \(try live.busybox())\nRUN echo failing-\(live.id); exit 7\n"
        let options = BuildOptions(tag: "paas-test/\(live.id):broken", labels: live.labels)

        // The check below must see a container a failing build leaves: show it does, with a
        // raw request that keeps intermediate containers (forcerm=0).
        let before = try allContainerIDs()
        let raw = EngineRequest(
            method: "POST", path: "/build", apiVersion: docker.apiVersion,
            query: [("t", options.tag), ("rm", "1"), ("forcerm", "0")], headers: ["Content-Type": "application/x-tar"],
            body: .stream(try live.tar(files: ["Dockerfile": dockerfile])))
        _ = try docker.transport.perform(raw) { _ in }
        let kept = try containersOfThisBuild(since: before)
        XCTAssertEqual(kept.count, 1, "a build without forcerm keeps its failed step's container")
        for id in kept { try docker.removeContainer(id, force: true) }

        let beforeOurs = try allContainerIDs()
        var text = ""
        XCTAssertThrowsError(
            try docker.buildImage(context: try live.tar(files: ["Dockerfile": dockerfile]), options: options) {
                if case .stream(let s) = $0 { text += s }
            })
        XCTAssertTrue(text.contains("failing-\(live.id)\n"), text)
        XCTAssertEqual(try containersOfThisBuild(since: beforeOurs), [])
    }

    private func allContainerIDs() throws -> Set<String> {
        Set(try docker.listContainers(all: true, labels: [:]).map(\.id))
    }

    /// Containers created after `before` whose command is this test's RUN step (other builders
    /// share the daemon).
    private func containersOfThisBuild(since before: Set<String>) throws -> [String] {
        try allContainerIDs().subtracting(before).filter { id in
            (try docker.inspectContainer(id)?.config.cmd.joined(separator: " ") ?? "").contains("failing-\(live.id)")
        }.sorted()
    }
}
