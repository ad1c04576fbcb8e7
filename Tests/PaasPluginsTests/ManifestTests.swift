import Foundation
import PaasPlugins
import XCTest

final class ManifestTests: XCTestCase {
    var fixture: PluginFixture!
    override func setUpWithError() throws { fixture = try PluginFixture() }
    override func tearDown() { fixture.remove() }

    private func load(_ manifest: String, files: [String: String] = ["bin/run": "exit 0"], mode: Int = 0o755,
        reserved: Set<String> = []) throws -> PluginManifest
    {
        let dir = try fixture.makePlugin("p" + UUID().uuidString.prefix(6).lowercased(), manifest: manifest, files: files, mode: mode)
        return try PluginManifest.load(fromDirectory: dir, reserved: reserved)
    }

    private func assertProblem(_ manifest: String, _ expected: String, mode: Int = 0o755, reserved: Set<String> = [],
        file: StaticString = #filePath, line: UInt = #line)
    {
        XCTAssertThrowsError(try load(manifest, mode: mode, reserved: reserved), file: file, line: line) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains(expected), "\(text) lacks \(expected)", file: file, line: line)
            XCTAssertFalse(text.contains("\n"), file: file, line: line)
        }
    }

    func testGoodManifestWithDefaults() throws {
        let m = try load("""
            {"name":"notify","version":"1.2.0","description":"d","protocol":1,
             "triggers":{"post-deploy":{"run":"bin/run"},"pre-build":{"run":"./bin/run","order":10,"timeout":5}},
             "commands":{"notify:test":{"run":"bin/run","help":"Send a test"}}}
            """)
        XCTAssertEqual(m.name, "notify")
        XCTAssertEqual(m.triggers["post-deploy"], .init(run: "bin/run", order: 50, timeout: 30))
        XCTAssertEqual(m.triggers["pre-build"]?.order, 10)
        XCTAssertEqual(m.commands["notify:test"]?.help, "Send a test")
    }

    func testBrokenJSON() {
        assertProblem(#"{"name":"x","#, "not valid JSON")
        assertProblem(#"{"name":"x","protocol":1}"#, "missing field 'version'")
        assertProblem(#"{"name":"x","version":"1","protocol":"one"}"#, "'protocol' should be a number")
    }

    func testUnknownProtocol() {
        assertProblem(#"{"name":"x","version":"1","protocol":2}"#, "plugin 'x': speaks protocol 2")
    }

    func testBadNames() {
        for bad in ["X", "1x", "a_b", "", "a b", "é"] {
            assertProblem(#"{"name":"\#(bad)","version":"1","protocol":1}"#, "bad name")
        }
        assertProblem(
            #"{"name":"x","version":"1","protocol":1,"commands":{"status":{"run":"bin/run"}}}"#, "bad command name 'status'")
        assertProblem(
            #"{"name":"x","version":"1","protocol":1,"commands":{"apps:list":{"run":"bin/run"}}}"#,
            "command 'apps:list' is built into paas", reserved: ["apps:list"])
        assertProblem(
            #"{"name":"x","version":"1","protocol":1,"triggers":{"post-push":{"run":"bin/run"}}}"#,
            "unknown trigger 'post-push'")
    }

    func testMissingExecBit() {
        assertProblem(
            #"{"name":"x","version":"1","protocol":1,"triggers":{"post-deploy":{"run":"bin/run"}}}"#,
            "'bin/run' is not executable", mode: 0o644)
        assertProblem(
            #"{"name":"x","version":"1","protocol":1,"triggers":{"post-deploy":{"run":"bin/other"}}}"#,
            "'bin/other' does not exist")
    }

    func testRunPathEscapingTheFolder() throws {
        assertProblem(
            #"{"name":"x","version":"1","protocol":1,"triggers":{"post-deploy":{"run":"../x/bin/run"}}}"#,
            "must be relative and stay inside")
        assertProblem(
            #"{"name":"x","version":"1","protocol":1,"triggers":{"post-deploy":{"run":"/bin/sh"}}}"#,
            "must be relative and stay inside")
        let dir = try fixture.makePlugin(
            "linky", manifest: #"{"name":"linky","version":"1","protocol":1,"triggers":{"post-deploy":{"run":"sh"}}}"#,
            files: [:])
        try FileManager.default.createSymbolicLink(atPath: dir + "/sh", withDestinationPath: "/bin/sh")
        XCTAssertThrowsError(try PluginManifest.load(fromDirectory: dir)) {
            XCTAssertTrue("\($0)".contains("leads outside the plugin folder"), "\($0)")
        }
    }

    func testNoManifest() throws {
        XCTAssertThrowsError(try PluginManifest.load(fromDirectory: fixture.base)) {
            XCTAssertTrue("\($0)".contains("has no plugin.json"))
        }
    }
}

extension ManifestTests {
    func testCommandsDeclareTheirAppArgumentAndRole() throws {
        let m = try load(
            """
            {"name":"maint","version":"1","protocol":1,"commands":{
              "maint:on":{"run":"bin/run","app":1,"role":"deploy"},"maint:report":{"run":"bin/run","app":2,"role":"read"},
              "maint:all":{"run":"bin/run"}}}
            """)
        XCTAssertEqual(m.commands["maint:on"]?.app(in: ["web", "msg"]), "web")
        XCTAssertEqual(m.commands["maint:report"]?.app(in: ["-v", "web"]), "web")
        XCTAssertEqual(m.commands["maint:report"]?.role, .read)
        XCTAssertNil(m.commands["maint:report"]?.app(in: ["-v"]), "not given: no app")
        XCTAssertNil(m.commands["maint:all"]?.app(in: ["web"]), "no app declared: a host-wide command")
        assertProblem(
            #"{"name":"x","version":"1","protocol":1,"commands":{"x:y":{"run":"bin/run","app":0}}}"#,
            "app must be the position of the app argument, 1 to 32")
        assertProblem(
            #"{"name":"x","version":"1","protocol":1,"commands":{"x:y":{"run":"bin/run","role":"read"}}}"#,
            "role needs app")
        assertProblem(
            #"{"name":"x","version":"1","protocol":1,"commands":{"x:y":{"run":"bin/run","app":1,"role":"owner"}}}"#,
            "'commands.x:y.role' is invalid")
    }
}
