import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

@testable import PaasDeploy

/// The health-check scripts of swarm tasks, run here with `/bin/sh` the way Docker runs a
/// CMD-SHELL check, each time with only one of the tools an image may have (wget, curl,
/// python3, bash), against a loopback HTTP server.
final class SwarmHealthcheckScriptTests: XCTestCase {
    private var dir = ""
    private var server: BackgroundProcess?
    private var port: UInt16 = 0

    override func setUpWithError() throws {
        guard let busybox = Run.which("busybox") else { throw TestSupportError("busybox not found; install busybox-static") }
        dir = NSTemporaryDirectory() + "paas-swarm-check-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/www", withIntermediateDirectories: true)
        try "db ok\n".write(toFile: dir + "/www/health", atomically: true, encoding: .utf8)
        port = try freeLoopbackPort()
        server = try BackgroundProcess(busybox, ["httpd", "-f", "-p", "127.0.0.1:\(port)", "-h", dir + "/www"], logFile: dir + "/httpd.log")
        XCTAssertTrue(waitUntil(timeout: .seconds(5)) { loopbackPortAccepts(port) })
    }

    override func tearDown() {
        server?.stop()
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// A PATH folder holding only `tool` (by its real path).
    private func only(_ tool: String) throws -> String {
        let bin = dir + "/bin-" + tool
        if FileManager.default.fileExists(atPath: bin + "/" + tool) { return bin }
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        // busybox is nc where the host has none (as in busybox images).
        var path = try XCTUnwrap(Run.which(tool) ?? (tool == "nc" ? Run.which("busybox") : nil), "\(tool) on this host")
        if tool == "python3" {
            // pyenv's shim needs pyenv: use the interpreter itself.
            let found = try Run.checked(tool, ["-c", "import sys; print(sys.executable)"])
            path = String(decoding: found.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        try FileManager.default.createSymbolicLink(atPath: bin + "/" + tool, withDestinationPath: path)
        if tool == "nc", let head = Run.which("head") {
            // An image with nc is a busybox one: it has head as well.
            try FileManager.default.createSymbolicLink(atPath: bin + "/head", withDestinationPath: head)
        }
        return bin
    }

    /// Whether `script` passes with `env` and only `tool` on PATH.
    private func passes(_ script: String, _ env: [String: String], tool: String) throws -> Bool {
        let result = try Run.command(
            "/bin/sh", ["-c", script], environment: env.merging(["PATH": try only(tool)]) { $1 }, timeout: .seconds(20))
        return result.status == .exited(0)
    }

    private let tools = ["python3", "curl", "nc", "bash", "wget"]

    private func env(path: String, content: String = "", port: UInt16? = nil) -> [String: String] {
        ["PAAS_CHECK_PORT": String(port ?? self.port), "PAAS_CHECK_PATH": path, "PAAS_CHECK_CONTENT": content]
    }

    func testHttpCheckPassesOnlyWhenTheBodyHasTheContentWithEveryTool() throws {
        let script = SwarmHealthcheck.script
        for tool in tools where tool != "bash" {
            XCTAssertTrue(try passes(script, env(path: "/health", content: "db ok"), tool: tool), tool)
            XCTAssertTrue(try passes(script, env(path: "/health"), tool: tool), tool)
            XCTAssertFalse(try passes(script, env(path: "/health", content: "db down"), tool: tool), tool)
            XCTAssertFalse(try passes(script, env(path: "/health", content: "*"), tool: tool), "\(tool): no glob")
            XCTAssertFalse(try passes(script, env(path: "/missing"), tool: tool), "\(tool): 404")
        }
        XCTAssertFalse(try passes(script, env(path: "/health"), tool: "true"), "no tool: fails")
    }

    func testHostileCheckPathIsNeverRun() throws {
        let marker = dir + "/pwned"
        for text in ["/x'; echo 1 > \(marker); '", "/x\"; echo 1 > \(marker); \"", "/$(echo 1 > \(marker))", "/`echo 1 > \(marker)`"] {
            let (spec, env) = SwarmHealthcheck.make(checks: [.init(path: text, content: text)], port: Int(port), attempts: 1)
            for tool in tools {
                _ = try passes(spec.test[1], env, tool: tool)
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "the path ran as a command")
    }

    func testPortCheckPassesWhenSomethingAnswersWithEveryTool() throws {
        let closed = try freeLoopbackPort()
        for tool in tools where tool != "wget" {
            XCTAssertTrue(try passes(SwarmHealthcheck.script, env(path: ""), tool: tool), tool)
            XCTAssertFalse(try passes(SwarmHealthcheck.script, env(path: "", port: closed), tool: tool), "\(tool): closed")
        }
    }

    func testPortCheckNeverRunsThePortAsCommand() throws {
        let marker = dir + "/pwned"
        for tool in tools {
            for path in ["", "/health"] {
                var hostile = env(path: path)
                hostile["PAAS_CHECK_PORT"] = "\(port); echo 1 > \(marker)"
                XCTAssertFalse(try passes(SwarmHealthcheck.script, hostile, tool: tool), tool)
                hostile["PAAS_CHECK_PORT"] = "\(port)' ; echo 1 > \(marker) '"
                XCTAssertFalse(try passes(SwarmHealthcheck.script, hostile, tool: tool), tool)
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "the port ran as a command")
    }
}
