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
