import Foundation
import PaasPluginKit
import PaasPlugins
import PaasSupport
import XCTest

/// Run by scripts/bench-plugins.sh (and, with few rounds, as part of the suite).
final class PluginBenchmarkTests: XCTestCase {
    func testFiringATriggerAmongFiftyPlugins() throws {
        let rounds = Int(ProcessInfo.processInfo.environment["PAAS_BENCH_ROUNDS"] ?? "") ?? 3
        let fixture = try PluginFixture()
        defer { fixture.remove() }
        let registry = PluginRegistry(root: fixture.root)
        for i in 0..<50 {
            let trigger = i % 10 == 0 ? "post-deploy" : "pre-build"
            let manifest = #"{"name":"p\#(i)","version":"1","protocol":1,"triggers":{"\#(trigger)":{"run":"bin/run"}}}"#
            try registry.install(from: fixture.makePlugin("p\(i)", manifest: manifest, files: ["bin/run": "cat >/dev/null"]))
        }
        let runner = fixture.runner()
        let clock = ContinuousClock()
        func median(_ body: () throws -> Void) rethrows -> Duration {
            var times: [Duration] = []
            for _ in 0..<rounds { times.append(try clock.measure(body)) }
            return times.sorted()[times.count / 2]
        }
        let fire = median {
            let outcome = runner.fire(.postDeploy, app: "web", payload: PostDeploy.samples[0])
            XCTAssertEqual(outcome.ran.count, 5)
            XCTAssertTrue(outcome.shouldContinue)
        }
        let process = PosixProcessRunner(cancellation: nil)
        let bare = try median {
            for _ in 0..<5 { XCTAssertTrue(try process.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", "true"])).succeeded) }
        }
        let scan = median { _ = PluginRegistry(root: fixture.root, usesCache: false).index() }
        let cached = median { _ = registry.index() }
        print("bench rounds=\(rounds) fire(5 of 50)=\(fire) bare 5x sh -c true=\(bare) index scan=\(scan) index cached=\(cached)")
    }
}
