import PaasPlugins
import XCTest

final class MayHandleTests: XCTestCase {
    func testOnlyPluginsDeclaringTheTriggerCount() throws {
        let fixture = try PluginFixture()
        defer { fixture.remove() }
        let registry = PluginRegistry(root: fixture.root)
        XCTAssertFalse(registry.mayHandle("user-auth"), "no plugin at all")
        try fixture.installTrigger("notify", trigger: "post-deploy", script: "exit 0")
        XCTAssertFalse(registry.mayHandle("user-auth"))
        XCTAssertTrue(registry.mayHandle("post-deploy"))
        try fixture.installTrigger("guard", trigger: "user-auth", script: "exit 0")
        XCTAssertTrue(registry.mayHandle("user-auth"))
        XCTAssertEqual(registry.index().handlers(for: "user-auth").map(\.plugin), ["guard"])
        try registry.disable("guard")
        XCTAssertFalse(registry.mayHandle("user-auth"), "a disabled plugin is not asked")
    }
}

extension MayHandleTests {
    func testABrokenUserAuthPluginIsListedAsABrokenGuard() throws {
        let fixture = try PluginFixture()
        defer { fixture.remove() }
        let registry = PluginRegistry(root: fixture.root)
        try fixture.installTrigger("guard", trigger: "user-auth", script: "exit 0")
        try fixture.installTrigger("notify", trigger: "post-deploy", script: "exit 0")
        XCTAssertEqual(registry.index().brokenGuards, [])
        // Edited by hand into something that is not JSON: it can't be read, and may be a guard.
        let installed = registry.availableDirectory + "/guard/plugin.json"
        try #"{"name":"guard","triggers":{"user-auth":"#.write(toFile: installed, atomically: true, encoding: .utf8)
        XCTAssertTrue(registry.mayHandle("user-auth"))
        XCTAssertEqual(registry.index().brokenGuards.count, 1)
        XCTAssertTrue(registry.index().brokenGuards[0].contains("plugin 'guard'"), registry.index().brokenGuards[0])
        // A broken plugin that never mentions user-auth is no guard.
        try #"{"name":"notify""#.write(
            toFile: registry.availableDirectory + "/notify/plugin.json", atomically: true, encoding: .utf8)
        XCTAssertEqual(registry.index().brokenGuards.count, 1)
    }
}
