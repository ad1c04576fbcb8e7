import AppSpec
import Foundation
import XCTest

@testable import PaasDeploy

final class PipelineLogicTests: XCTestCase {
    func testHookMatchesTheFileInTheRepository() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("hooks/pre-receive")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), AppRepository.hook)
    }

    func testPreReceiveParsesGitLines() {
        let zero = String(repeating: "0", count: 40)
        let a = String(repeating: "a", count: 40)
        let updates = PreReceive.parse("\(zero) \(a) refs/heads/main\n\(a) \(zero) refs/heads/old\n")
        XCTAssertEqual(updates.count, 2)
        XCTAssertEqual(updates[0].branch, "main")
        XCTAssertFalse(updates[0].isDelete)
        XCTAssertTrue(updates[1].isDelete)
    }

    func testDeployBranchPrefersSettingThenMainThenMaster() {
        func u(_ b: String) -> PreReceive.Update { .init(old: "0", new: "1", ref: "refs/heads/" + b) }
        XCTAssertEqual(PreReceive.deployBranch(configured: nil, pushed: [u("main")]), "main")
        XCTAssertEqual(PreReceive.deployBranch(configured: nil, pushed: [u("master")]), "master")
        XCTAssertEqual(PreReceive.deployBranch(configured: nil, pushed: [u("master"), u("main")]), "main")
        XCTAssertEqual(PreReceive.deployBranch(configured: nil, pushed: [u("dev")]), "main")
        XCTAssertEqual(PreReceive.deployBranch(configured: "prod", pushed: [u("main")]), "prod")
    }

    func testPortComesFromConfigThenExposeThenDefault() {
        XCTAssertEqual(Deployer.port(config: ["PORT": "8080"], exposed: ["3000/tcp"]), 8080)
        XCTAssertEqual(Deployer.port(config: [:], exposed: ["53/udp", "3000/tcp"]), 3000)
        XCTAssertEqual(Deployer.port(config: [:], exposed: []), 5000)
    }

    func testFormationFollowsTheProcfile() throws {
        let procfile = try Procfile.parse("web: run\nworker: work\nrelease: migrate\n")
        XCTAssertEqual(Formation.resolve(current: [:], procfile: procfile), ["web": 1, "worker": 0])
        XCTAssertEqual(Formation.resolve(current: ["web": 3, "worker": 2, "gone": 1], procfile: procfile), ["web": 3, "worker": 2])
        XCTAssertEqual(Formation.resolve(current: ["web": 0], procfile: nil), ["web": 0])
        XCTAssertEqual(Formation.resolve(current: [:], procfile: nil), ["web": 1])
    }

    func testReleaseSpecStartsWebFirst() {
        let spec = ReleaseSpec(
            app: "a", version: 1, deployID: "d", image: "i", env: [:], processes: [:],
            formation: ["worker": 1, "web": 2, "clock": 1], port: 5000)
        XCTAssertEqual(spec.orderedProcesses.map(\.name), ["web", "clock", "worker"])
    }
}
