import AppSpec
import PaasSupport
import XCTest

@testable import PaasDeploy

final class ReleaseTasksTests: XCTestCase {
    private let spec = ReleaseSpec(
        app: "shop", version: 4, deployID: "d7", image: "paas/shop:v4", env: ["DATABASE_URL": "x"],
        processes: [:], formation: ["web": 1], port: 5000)

    private func run(_ engine: EngineScript, timeout: Double = 600, cancellation: Cancellation = Cancellation())
        throws -> (Result<Void, Error>, TestPlatform)
    {
        let t = try TestPlatform(transport: engine)
        let tasks = ReleaseTasks(platform: t.platform, timeout: timeout, cancellation: cancellation)
        return (Result { try tasks.run(.predeploy, command: "migrate", spec: spec) }, t)
    }

    func testSuccessStreamsOutputLabelsAndRemoves() throws {
        let engine = EngineScript(output: "migrated 3\npartial")
        let (result, t) = try run(engine)
        defer { t.remove() }
        try result.get()
        XCTAssertTrue(engine.removed)
        XCTAssertTrue(t.output.contains("-----> Running predeploy task: migrate\n"), t.output)
        XCTAssertTrue(t.output.contains("       migrated 3\n       partial\n"), t.output)
        let create = try XCTUnwrap(engine.request("POST /containers/create"))
        XCTAssertEqual(create.queryValue("name"), "shop.predeploy.d7")
        for part in [#""paas.task":"predeploy""#, #""paas.role":"task""#, #""paas.deploy":"d7""#, "DATABASE_URL=x", #""migrate""#] {
            XCTAssertTrue(create.bodyText.contains(part), "\(part) in \(create.bodyText)")
        }
        XCTAssertNil(engine.request("POST /commit"), "a task container is never committed")
    }

    func testFailureIsRemovedAndNamesTheStatus() throws {
        let engine = EngineScript(status: 3)
        let (result, t) = try run(engine)
        defer { t.remove() }
        XCTAssertThrowsError(try result.get()) { XCTAssertEqual("\($0)", "release task 'predeploy' failed with status 3") }
        XCTAssertTrue(engine.removed)
    }

    func testTimeoutKillsFailsAndRemoves() throws {
        let engine = EngineScript(status: 137, hang: true)
        let started = Date()
        let (result, t) = try run(engine, timeout: 0.3)
        defer { t.remove() }
        XCTAssertThrowsError(try result.get()) { error in
            XCTAssertTrue("\(error)".hasPrefix("predeploy timed out after 0.3s"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertTrue(engine.routes.contains("POST /containers/c1/kill"))
        XCTAssertTrue(engine.removed)
    }

    func testCancellationRemoves() throws {
        let cancellation = Cancellation()
        let engine = EngineScript(cancelAt: "/logs", cancellation: cancellation)
        let (result, t) = try run(engine, cancellation: cancellation)
        defer { t.remove() }
        XCTAssertThrowsError(try result.get())
        XCTAssertTrue(engine.removed)
        XCTAssertFalse(engine.routes.contains("POST /containers/c1/wait"))
    }

    func testNoCommandRunsNothing() throws {
        let engine = EngineScript()
        let t = try TestPlatform(transport: engine)
        defer { t.remove() }
        try ReleaseTasks(platform: t.platform, timeout: 1).run(.postdeploy, command: nil, spec: spec)
        XCTAssertTrue(engine.routes.isEmpty)
    }

    func testCommandsComeFromAppJSONAndProcfile() throws {
        let json = try AppJSON.parse(Array(#"{"scripts":{"dokku":{"predeploy":"a"},"postdeploy":"c"}}"#.utf8))
        let procfile = try Procfile.parse("web: w\nrelease: b\n")
        XCTAssertEqual(ReleaseTasks.command(.predeploy, appJSON: json, procfile: procfile), "a")
        XCTAssertEqual(ReleaseTasks.command(.release, appJSON: json, procfile: procfile), "b")
        XCTAssertEqual(ReleaseTasks.command(.postdeploy, appJSON: json, procfile: procfile), "c")
        XCTAssertNil(ReleaseTasks.command(.release, appJSON: nil, procfile: nil))
    }

    func testTimeoutMessageForWholeSeconds() {
        XCTAssertEqual("\(TaskError.timedOut(phase: "release", seconds: 600))", "release timed out after 600s (tasks:set APP timeout SECONDS allows longer)")
    }
}
