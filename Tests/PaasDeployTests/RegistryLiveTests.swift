import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

@testable import PaasDeploy

/// A real registry (Debian's docker-registry) on 127.0.0.1 and a free port, with TLS from a CA
/// made in the test's own state root; the real daemon pushes to it through the Engine API.
final class RegistryLiveTests: XCTestCase {
    func testRegistryServesTLSTakesAPushDeletesAndCollectsGarbage() throws {
        let id = TestID("paas-test")
        let root = try TempDir(prefix: "paas-registry")
        let paths = SwarmPaths(root: StateRoot(path: root.path))
        let address = try RegistryAddress(host: "127.0.0.1", port: try freeLoopbackPort())
        let hint = "start it with `paas nodes:registry start`"
        let service = RegistryService(paths: paths, address: address, startHint: hint)
        let registry = RegistryClient(paths: paths, address: address, startHint: hint)
        let trust = RegistryTrust()
        let docker = DockerClient(transport: CurlTransport(cancellation: nil))
        let repository = "\(address)/\(id)/busybox"
        defer {
            _ = try? docker.removeImage("\(repository):t1")
            try? trust.removeTrust(address: address)
            service.stop()
            root.remove()
        }

        // Started detached, in a session of its own, answering over TLS signed by our CA.
        let started = ContinuousClock.now
        let pid = try service.start()
        print("registry answered \(ContinuousClock.now - started) after start")
        XCTAssertEqual(getsid(pid), pid, "the registry leads its own session")
        XCTAssertEqual(service.status(), .init(pid: pid, answering: true))
        XCTAssertEqual(try service.start(), pid, "start again keeps the running registry")
        XCTAssertEqual(try String(contentsOfFile: paths.registryPidFile, encoding: .utf8), "\(pid)\n")
        let otherRoot = try TempDir(prefix: "paas-registry2")
        let rival = RegistryService(paths: SwarmPaths(root: StateRoot(path: otherRoot.path)), address: address)
        XCTAssertThrowsError(try rival.start()) { error in
            XCTAssertTrue("\(error)".hasPrefix("the registry did not start: it exited: "), "\(error)")
            XCTAssertTrue("\(error)".hasSuffix("bind: address already in use"), "\(error)")
        }
        XCTAssertNil(rival.runningPid())
        otherRoot.remove()

        // Refused by curl trusting the system's CAs, or another CA.
        let system = CurlHTTPClient(caFile: nil, timeout: .seconds(5))
        XCTAssertThrowsError(try system.perform("GET", address.baseURL + "/v2/")) { error in
            XCTAssertEqual((error as? HTTPClientError)?.kind, .tls, "\(error)")
        }
        let other = try TestCA()
        XCTAssertThrowsError(
            try CurlHTTPClient(caFile: other.caFile, timeout: .seconds(5)).perform("GET", address.baseURL + "/v2/")
        ) { error in
            XCTAssertEqual((error as? HTTPClientError)?.kind, .tls, "\(error)")
        }
        let cli = try Run.command("curl", ["-sS", "--noproxy", "*", "-o", "/dev/null", address.baseURL + "/v2/"])
        XCTAssertFalse(cli.succeeded, "curl without our CA must refuse the registry")
        let cliWithCA = try Run.command(
            "curl", ["-sS", "--noproxy", "*", "--cacert", paths.caCertificate, address.baseURL + "/v2/"])
        XCTAssertTrue(cliWithCA.succeeded, cliWithCA.summary)

        // Push through the Engine API, with the CA where dockerd looks for it.
        try trust.trustLocally(address: address, caPEM: try ClusterCA(paths: paths).certificatePEM())
        XCTAssertEqual(
            try String(contentsOfFile: trust.caFile(for: address), encoding: .utf8),
            try String(contentsOfFile: paths.caCertificate, encoding: .utf8))
        XCTAssertEqual(
            (try FileManager.default.attributesOfItem(atPath: trust.caFile(for: address))[.posixPermissions] as? Int)
                .map { $0 & 0o777 }, 0o644)
        try docker.tagImage("paas/busybox:latest", repository: repository, tag: "t1")
        let lock = try RegistryLock.acquire(.shared, paths: paths)
        let pushStart = ContinuousClock.now
        let digest = try docker.pushImage(repository, tag: "t1")
        print("push took \(ContinuousClock.now - pushStart)")
        lock.release()
        XCTAssertTrue(digest.hasPrefix("sha256:") && digest.count == 71, digest)

        // The registry lists the tag with the same digest.
        XCTAssertTrue(try registry.catalog().contains("\(id)/busybox"))
        XCTAssertEqual(try registry.tags("\(id)/busybox"), ["t1"])
        XCTAssertEqual(try registry.manifestDigest("\(id)/busybox", tag: "t1"), digest)
        XCTAssertGreaterThan(try blobCount(paths), 0)

        // Clean-up: delete the manifest, collect garbage; tag, manifest and blobs are gone.
        XCTAssertTrue(try registry.deleteManifest("\(id)/busybox", digest: digest))
        XCTAssertFalse(try registry.deleteManifest("\(id)/busybox", digest: digest), "already deleted")
        try registry.garbageCollect()
        XCTAssertEqual(try registry.tags("\(id)/busybox"), [])
        XCTAssertNil(try registry.manifestDigest("\(id)/busybox", tag: "t1"))
        XCTAssertEqual(try blobCount(paths), 0, "garbage collection removed the layers")

        // Stop leaves no process and nothing listening; the error then says what to do.
        service.stop()
        XCTAssertFalse(DetachedProcess.isRunning(pid))
        XCTAssertEqual(kill(pid, 0), -1, "no process, not even a zombie")
        XCTAssertFalse(loopbackPortAccepts(address.port))
        XCTAssertEqual(service.status(), .init(pid: nil, answering: false))
        XCTAssertThrowsError(try service.probe()) { error in
            XCTAssertEqual(
                "\(error)", "the registry at \(address) is not answering (connection refused): \(hint)")
        }
        XCTAssertThrowsError(try registry.tags("\(id)/busybox")) { error in
            XCTAssertTrue("\(error)".hasPrefix("the registry at \(address) is not answering"), "\(error)")
        }
    }

    /// Layer and config blobs in the registry's storage.
    private func blobCount(_ paths: SwarmPaths) throws -> Int {
        let blobs = paths.registryData + "/docker/registry/v2/blobs"
        guard let walker = FileManager.default.enumerator(atPath: blobs) else { return 0 }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix("/data") }.count
    }
}
