import Foundation
import PaasPlugins
import XCTest

final class RegistryTests: XCTestCase {
    var fixture: PluginFixture!
    override func setUpWithError() throws { fixture = try PluginFixture() }
    override func tearDown() { fixture.remove() }

    private func manifest(_ name: String, commands: [String] = [], order: Int = 50) -> String {
        let c = commands.map { #""\#($0)":{"run":"bin/run"}"# }.joined(separator: ",")
        return #"{"name":"\#(name)","version":"1","protocol":1,"triggers":{"post-deploy":{"run":"bin/run","order":\#(order)}},"commands":{\#(c)}}"#
    }

    func testInstallEnableDisableUninstall() throws {
        let registry = PluginRegistry(root: fixture.root)
        let src = try fixture.makePlugin("folder-name", manifest: manifest("alpha", commands: ["alpha:go"]), files: ["bin/run": "exit 0"])
        let info = try registry.install(from: src)
        XCTAssertEqual(info.name, "alpha")
        XCTAssertTrue(info.enabled)
        XCTAssertEqual(info.commands, ["alpha:go"])
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: registry.enabledDirectory + "/alpha"), "../available/alpha")
        XCTAssertEqual(registry.index().handlers(for: "post-deploy").map(\.plugin), ["alpha"])
        XCTAssertThrowsError(try registry.install(from: src)) { XCTAssertTrue("\($0)".contains("installed already")) }

        try registry.disable("alpha")
        XCTAssertEqual(registry.index().handlers(for: "post-deploy"), [])
        XCTAssertEqual(registry.list().map(\.enabled), [false])
        try registry.enable("alpha")
        XCTAssertEqual(registry.index().commands["alpha:go"]?.plugin, "alpha")
        try registry.uninstall("alpha")
        XCTAssertEqual(registry.list(), [])
        XCTAssertThrowsError(try registry.report("alpha")) { XCTAssertTrue("\($0)".contains("not installed")) }
    }

    func testCommandCollisionRefused() throws {
        let registry = PluginRegistry(root: fixture.root)
        try registry.install(from: fixture.makePlugin("a", manifest: manifest("a", commands: ["x:go"]), files: ["bin/run": ""]))
        let b = try fixture.makePlugin("b", manifest: manifest("b", commands: ["x:go"]), files: ["bin/run": ""])
        XCTAssertThrowsError(try registry.install(from: b)) {
            XCTAssertEqual("\($0)", "plugin 'b': command 'x:go' is already provided by a")
        }
    }

    func testIndexOrderAndCacheFollowsManifestEdits() throws {
        let registry = PluginRegistry(root: fixture.root)
        for (name, order) in [("zed", 10), ("bee", 50), ("ant", 50)] {
            try registry.install(from: fixture.makePlugin(name, manifest: manifest(name, order: order), files: ["bin/run": ""]))
        }
        XCTAssertEqual(registry.index().handlers(for: "post-deploy").map(\.plugin), ["zed", "ant", "bee"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: registry.indexFile))
        // Edit a manifest in place: the cache must notice.
        let file = registry.availableDirectory + "/zed/plugin.json"
        try manifest("zed", order: 99).write(toFile: file, atomically: false, encoding: .utf8)
        XCTAssertEqual(registry.index().handlers(for: "post-deploy").map(\.plugin), ["ant", "bee", "zed"])
        // A broken manifest is skipped with a problem naming it, the others still work.
        try "{".write(toFile: file, atomically: false, encoding: .utf8)
        let index = registry.index()
        XCTAssertEqual(index.handlers(for: "post-deploy").map(\.plugin), ["ant", "bee"])
        XCTAssertEqual(index.problems.count, 1)
        XCTAssertTrue(index.problems[0].contains("plugin 'zed'"), index.problems[0])
        XCTAssertEqual(registry.list().first { $0.name == "zed" }?.problem?.isEmpty, false)
    }

    func testCachedIndexIsFasterThanScanningFiftyPlugins() throws {
        let registry = PluginRegistry(root: fixture.root)
        for i in 0..<50 {
            try registry.install(from: fixture.makePlugin("p\(i)", manifest: manifest("p\(i)"), files: ["bin/run": ""]))
        }
        let uncached = PluginRegistry(root: fixture.root, usesCache: false)
        XCTAssertEqual(registry.index(), uncached.index())
        func time(_ body: () -> Void) -> Duration {
            let clock = ContinuousClock()
            return (0..<3).map { _ in clock.measure(body) }.min()!
        }
        let scan = time { _ = uncached.index() }
        let cached = time { _ = registry.index() }
        print("plugin index, 50 plugins: scan \(scan), cached \(cached)")
        XCTAssertEqual(registry.index().handlers(for: "post-deploy").count, 50)
    }
}
