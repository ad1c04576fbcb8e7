import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// Issue 10 item 2, end to end: certs:add/remove/report/set through the real proxy, checked
/// with curl `--cacert --resolve` against a CA made in the test. HAProxy takes every change at
/// runtime; nginx with its reload.
class TLSTestCase: XCTestCase {
    var paas: PaasHarness!
    var ca: TestCA!
    var kind: TestProxyKind { .haproxy }

    override func setUpWithError() throws {
        paas = try PaasHarness("tls", proxy: kind)
        ca = try TestCA()
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private var app: String { paas.id.value }

    /// GET over HTTPS, trusting only the test CA.
    func https(_ host: String) throws -> (status: Int, body: String) {
        let port = paas.proxy.httpsPort
        return try paas.proxy.curl(["--cacert", ca.caFile, "--resolve", "\(host):\(port):127.0.0.1", "https://\(host):\(port)/"])
    }

    private func addCert(_ cert: (cert: String, key: String), name: String? = nil) throws -> ProcessResult {
        try paas.ssh(["certs:add", app] + (name.map { [$0] } ?? []), stdin: Array((cert.cert + cert.key).utf8))
    }

    func checkCertificatesAreServedBySNIAndChangeWithoutAReload() throws {
        XCTAssertTrue(try paas.push(try RolloutApps.make("secure"), app: app).succeeded)
        let other = "other-\(app).test"
        XCTAssertTrue(try paas.ssh(["domains:add", app, other]).succeeded)
        let worker = try paas.haproxy?.workerPID()

        let main = try addCert(try ca.issue("main", domains: [paas.host(app)]))
        XCTAssertTrue(main.succeeded, main.summary)
        XCTAssertEqual(try https(paas.host(app)).body, "secure\n")
        XCTAssertEqual(try https(other).status, 0, "no certificate for \(other) yet: curl refuses the default one")

        let tar = try ca.tar(cert: try ca.issue("other", domains: [other]).cert, key: try String(contentsOfFile: ca.directory.file("other.key"), encoding: .utf8))
        let second = try paas.ssh(["certs:add", app, "second"], stdin: tar)
        XCTAssertTrue(second.succeeded, second.summary)
        XCTAssertEqual(try https(other).body, "secure\n", "SNI picks the second certificate")
        XCTAssertEqual(try https(paas.host(app)).body, "secure\n", "and the first still serves its domain")
        let report = try paas.ssh(["certs:report", app])
        XCTAssertTrue(report.stdoutText.contains("second domains") && report.stdoutText.contains(paas.host(app)), report.stdoutText)

        XCTAssertTrue(try paas.ssh(["certs:set", app, "redirect-https", "true"]).succeeded)
        let redirected = try paas.proxy.curl(["-i", "-H", "Host: \(paas.host(app))", "http://127.0.0.1:\(paas.proxy.port)/"])
        XCTAssertEqual(redirected.status, 301, redirected.body)
        XCTAssertTrue(redirected.body.lowercased().contains("location: https://\(paas.host(app))"), redirected.body)
        XCTAssertTrue(try paas.ssh(["certs:set", app, "redirect-https", "false"]).succeeded)
        XCTAssertEqual(try paas.get(app: app).status, 200)

        let replaced = try addCert(try ca.issue("main2", domains: [paas.host(app), "www.\(paas.host(app))"]), name: "second")
        XCTAssertTrue(replaced.succeeded, replaced.summary)
        XCTAssertEqual(try https(other).status, 0, "'second' now holds a certificate for other names")
        XCTAssertTrue(try paas.ssh(["certs:remove", app, "second"]).succeeded)
        XCTAssertEqual(try https(paas.host(app)).body, "secure\n")
        XCTAssertTrue(try paas.ssh(["certs:remove", app]).succeeded)
        XCTAssertEqual(try https(paas.host(app)).status, 0, "no certificate left")
        if let worker { XCTAssertEqual(try paas.haproxy?.workerPID(), worker, "no certificate change reloaded HAProxy") }
    }

    func checkBadCertificatesAreRefusedWithoutChange() throws {
        XCTAssertTrue(try paas.push(try RolloutApps.make("secure"), app: app).succeeded)
        let good = try ca.issue("good", domains: [paas.host(app)])
        let stranger = try ca.issue("stranger", domains: [paas.host(app)])
        let expired = try ca.issue("old", domains: [paas.host(app)], days: -1)
        let cases: [(String, [UInt8], String)] = [
            ("mismatch", Array((good.cert + stranger.key).utf8), "does not match"),
            ("expired", Array((expired.cert + expired.key).utf8), "expired"),
            ("garbage", Array("hello, not a certificate\n".utf8), "no PEM"),
            ("key only", Array(good.key.utf8), "no certificate"),
            ("cert only", Array(good.cert.utf8), "no private key"),
        ]
        for (what, input, message) in cases {
            let result = try paas.ssh(["certs:add", app], stdin: input)
            XCTAssertFalse(result.succeeded, what)
            XCTAssertTrue(result.stderrText.contains(message), "\(what): \(result.stderrText)")
            XCTAssertEqual(result.stderrText.split(separator: "\n").count, 1, "\(what): one line: \(result.stderrText)")
        }
        XCTAssertTrue(try paas.ssh(["certs:report", app]).stdoutText.contains("none"))
        XCTAssertEqual(try https(paas.host(app)).status, 0)

        let elsewhere = try addCert(try ca.issue("elsewhere", domains: ["elsewhere.test"]))
        XCTAssertTrue(elsewhere.succeeded, elsewhere.summary)
        XCTAssertTrue(elsewhere.stderrText.contains("warning: the certificate is for elsewhere.test, none of"), elsewhere.stderrText)
    }
}

/// Through HAProxy: every change at runtime.
final class HAProxyTLSTests: TLSTestCase {
    override var kind: TestProxyKind { .haproxy }
    func testCertificatesAreServedBySNIAndChangeWithoutAReload() throws { try checkCertificatesAreServedBySNIAndChangeWithoutAReload() }
    func testBadCertificatesAreRefusedWithoutChange() throws { try checkBadCertificatesAreRefusedWithoutChange() }
}

/// Through nginx, which reloads for each change.
final class NginxTLSTests: TLSTestCase {
    override var kind: TestProxyKind { .nginx }
    func testCertificatesAreServedBySNI() throws { try checkCertificatesAreServedBySNIAndChangeWithoutAReload() }
    func testBadCertificatesAreRefusedWithoutChange() throws { try checkBadCertificatesAreRefusedWithoutChange() }
}
