import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

@testable import PaasDeploy

/// dockerd trusts the registry on a non-loopback address only through the cluster CA in
/// /etc/docker/certs.d (dockerd skips verification for 127.0.0.0/8, so this test gives the
/// registry an address of its own: on one end of a veth pair it makes on this host, both ends
/// up so the address is live; traffic to it stays on this host, and the pair is removed after).
final class RegistryTrustTests: XCTestCase {
    func testThePushNeedsTheCAAndTheRegistryListensOnlyOnItsAddress() throws {
        let id = TestID("paas-test")
        let link = "pt" + id.value.suffix(10).filter(\.isHexDigit).prefix(9)
        let host = "10.251.\(UInt8.random(in: 1...254)).1"
        try Run.checked("ip", ["link", "add", link, "type", "veth", "peer", "name", link + "p"])
        let root = try TempDir(prefix: "paas-registry")
        let paths = SwarmPaths(root: StateRoot(path: root.path))
        let address = try RegistryAddress(host: host, port: try freeLoopbackPort())
        let service = RegistryService(paths: paths, address: address)
        let registry = RegistryClient(paths: paths, address: address)
        let trust = RegistryTrust()
        let docker = DockerClient(transport: CurlTransport(cancellation: nil))
        defer {
            _ = try? docker.removeImage("\(address)/\(id)/busybox:t1")
            try? trust.removeTrust(address: address)
            service.stop()
            _ = try? Run.command("ip", ["link", "del", link])
            root.remove()
        }
        try Run.checked("ip", ["addr", "add", "\(host)/32", "dev", link])
        try Run.checked("ip", ["link", "set", link, "up"])
        try Run.checked("ip", ["link", "set", link + "p", "up"])

        try service.start()
        XCTAssertTrue(service.isAnswering())
        XCTAssertFalse(loopbackPortAccepts(address.port), "listens on \(host) only, not on 127.0.0.1")

        XCTAssertThrowsError(try registry.push("paas/busybox:latest", as: "\(id)/busybox", tag: "t1", docker: docker)) {
            error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("pushing \(address)/\(id)/busybox:t1 failed: "), text)
            XCTAssertTrue(text.contains("certificate signed by unknown authority"), text)
            XCTAssertFalse(text.contains("\n"))
        }

        try trust.trustLocally(address: address, caPEM: try ClusterCA(paths: paths).certificatePEM())
        let reference = try registry.push("paas/busybox:latest", as: "\(id)/busybox", tag: "t1", docker: docker)
        let digest = try XCTUnwrap(registry.manifestDigest("\(id)/busybox", tag: "t1"))
        XCTAssertEqual(reference, "\(address)/\(id)/busybox@\(digest)")

        try trust.removeTrust(address: address)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/etc/docker/certs.d/\(address)"))
    }
}
