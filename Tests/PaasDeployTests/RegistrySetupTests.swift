import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

@testable import PaasDeploy

/// The registry's files without running it: configuration text, the cluster CA and the
/// registry's certificate (real openssl in a temp state root), the push/clean-up lock.
final class RegistrySetupTests: XCTestCase {
    func testConfigListensOnlyOnTheAddressWithTLSAndDeletion() throws {
        let paths = SwarmPaths(root: StateRoot(path: "/var/lib/pa\"as"))
        let config = RegistryConfig(address: try RegistryAddress(host: "10.250.0.1"), paths: paths)
        let text = config.text
        XCTAssertTrue(text.contains("\n  addr: \"10.250.0.1:5000\"\n"), text)
        XCTAssertTrue(text.contains("    certificate: \"/var/lib/pa\\\"as/swarm/registry/registry.crt\"\n"), text)
        XCTAssertTrue(text.contains("    key: \"/var/lib/pa\\\"as/swarm/registry/registry.key\"\n"), text)
        XCTAssertTrue(text.contains("    rootdirectory: \"/var/lib/pa\\\"as/swarm/registry/data\"\n"), text)
        XCTAssertTrue(text.contains("  delete:\n    enabled: true\n"), text)
        XCTAssertFalse(text.contains("auth:"), "no authentication section")
        XCTAssertFalse(text.contains("cache:"), "no blob descriptor cache (it outlives garbage collection)")
        XCTAssertFalse(text.contains("\t"), "YAML takes no tabs")
    }

    func testAddressesMustBeIPv4() {
        XCTAssertNoThrow(try RegistryAddress(host: "127.0.0.1", port: 40000))
        for bad in ["", "localhost", "10.0.0", "10.0.0.256", "1.2.3.4.5", "::1", "10.0.0.1:5000"] {
            XCTAssertThrowsError(try RegistryAddress(host: bad), bad) { error in
                XCTAssertTrue("\(error)".contains("is not an IPv4 address"), "\(error)")
            }
        }
        XCTAssertEqual(try RegistryAddress(host: "10.0.0.1").description, "10.0.0.1:5000")
    }

    func testCAIsMadeOnceAndTheServerCertificateNamesTheAddress() throws {
        let dir = try TempDir(prefix: "paas-swarm-ca")
        let paths = SwarmPaths(root: StateRoot(path: dir.path))
        let ca = ClusterCA(paths: paths)
        let first = try ca.certificatePEM()
        XCTAssertTrue(first.hasPrefix("-----BEGIN CERTIFICATE-----"))
        XCTAssertEqual(try ca.certificatePEM(), first, "the CA is made once")
        XCTAssertEqual(try mode(paths.caKey), 0o600)
        XCTAssertEqual(try mode(paths.caFolder), 0o700)

        let a = try RegistryAddress(host: "10.250.0.1")
        XCTAssertTrue(try ca.ensureServerCertificate(for: a))
        XCTAssertEqual(try ca.ipAddresses(inCertificate: paths.registryCertificate), ["10.250.0.1"])
        XCTAssertEqual(try mode(paths.registryKey), 0o600)
        let verify = try Run.command("openssl", ["verify", "-CAfile", paths.caCertificate, paths.registryCertificate])
        XCTAssertTrue(verify.succeeded, verify.summary)
        XCTAssertFalse(try ca.ensureServerCertificate(for: a), "kept while the address is the same")

        XCTAssertTrue(try ca.ensureServerCertificate(for: try RegistryAddress(host: "10.250.0.9")))
        XCTAssertEqual(try ca.ipAddresses(inCertificate: paths.registryCertificate), ["10.250.0.9"])
        XCTAssertEqual(try ca.certificatePEM(), first, "a new address keeps the CA")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: paths.registryFolder).sorted()
        XCTAssertEqual(leftovers, ["registry.crt", "registry.key"])
    }

    func testPushesShareTheLockAndCleanUpTakesItAlone() throws {
        let dir = try TempDir(prefix: "paas-swarm-lock")
        let paths = SwarmPaths(root: StateRoot(path: dir.path))
        let push1 = try RegistryLock.acquire(.shared, paths: paths, wait: .milliseconds(100))
        let push2 = try RegistryLock.acquire(.shared, paths: paths, wait: .milliseconds(100))
        XCTAssertThrowsError(try RegistryLock.acquire(.exclusive, paths: paths, wait: .milliseconds(200))) { error in
            XCTAssertTrue("\(error)".hasPrefix("the registry is busy: pushes"), "\(error)")
        }
        push1.release()
        push2.release()
        let cleanUp = try RegistryLock.acquire(.exclusive, paths: paths, wait: .milliseconds(100))
        XCTAssertThrowsError(try RegistryLock.acquire(.shared, paths: paths, wait: .milliseconds(200))) { error in
            XCTAssertTrue("\(error)".hasPrefix("the registry is busy: a registry clean-up"), "\(error)")
        }
        cleanUp.release()
        XCTAssertNoThrow(try RegistryLock.acquire(.shared, paths: paths, wait: .milliseconds(100)))
    }

    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1) & 0o777
    }
}
