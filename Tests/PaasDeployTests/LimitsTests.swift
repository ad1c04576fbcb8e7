import DockerEngine
import Foundation
import PaasStore
import XCTest

@testable import PaasDeploy

/// Resource limits, hardening, the app network and storage mounts as they reach the Engine's
/// create call, and the checks on what users type.
final class LimitsTests: XCTestCase {
    private var t: TestPlatform!
    private var store: Store!
    private let spec = ReleaseSpec(
        app: "shop", version: 2, deployID: "d9", image: "paas/shop:v2", env: [:], processes: [:],
        formation: ["web": 1], port: 5000)

    override func setUpWithError() throws {
        t = try TestPlatform(transport: EngineScript())
        store = try t.platform.store
        _ = try store.createApp("shop")
    }

    override func tearDown() { t?.remove() }

    func testSizesParseAndPrint() {
        XCTAssertEqual(ByteSize.parse("512m"), 512 << 20)
        XCTAssertEqual(ByteSize.parse("2G"), 2 << 30)
        XCTAssertEqual(ByteSize.parse("64k"), 64 << 10)
        XCTAssertEqual(ByteSize.parse("100b"), 100)
        XCTAssertEqual(ByteSize.parse("256"), 256 << 20, "a bare number is megabytes, as in Dokku")
        for bad in ["", "m", "-1m", "1.5g", "1t", "99999999999999g", "١٢m", "1 m"] {
            XCTAssertNil(ByteSize.parse(bad), bad)
        }
        XCTAssertEqual(ByteSize.describe(512 << 20), "512m")
        XCTAssertEqual(ByteSize.describe(1536 << 10), "1536k")
    }

    func testLimitsOfATypeWinOverTheAppsWhichWinOverTheGlobalAndTheDefaults() throws {
        XCTAssertEqual(
            try ContainerLimits.load(app: "shop", process: "web", store: store),
            ContainerLimits(memory: 1 << 30, cpus: 0, pids: 1024, logMaxSize: 10 << 20, logMaxFile: 3))
        try AppSettings.set(Settings.resourceMemory.erased, to: "2g", app: Store.globalSettings, store: store)
        try ResourceLimit.set(app: "shop", process: nil, pairs: ["memory=768m", "pids=300"], store: store)
        try ResourceLimit.set(app: "shop", process: "web", pairs: ["memory=256m", "cpus=0.5"], store: store)
        let web = try ContainerLimits.load(app: "shop", process: "web", store: store)
        XCTAssertEqual([web.memory, Int64(web.pids)], [256 << 20, 300])
        XCTAssertEqual(web.cpus, 0.5)
        let worker = try ContainerLimits.load(app: "shop", process: "worker", store: store)
        XCTAssertEqual([worker.memory, Int64(worker.pids)], [768 << 20, 300])
        XCTAssertEqual(worker.cpus, 0)
        let rows = try ResourceLimit.perType(app: "shop", store: store)
        XCTAssertEqual(rows.map { "\($0.key).\($0.process)=\($0.value)" }, ["cpus.web=0.5", "memory.web=256m"])
        try ResourceLimit.set(app: "shop", process: "web", pairs: ["memory="], store: store)
        XCTAssertEqual(try ContainerLimits.load(app: "shop", process: "web", store: store).memory, 768 << 20)
    }

    func testABadLimitChangesNothing() throws {
        for (pairs, expected) in [
            (["memory=512m", "cpus=lots"], "expected a number of CPUs"), (["memory=1k"], "at least 6m"),
            (["swap=1g"], "unknown limit 'swap'"), (["memory"], "is not a KEY=VALUE pair"), ([], "no limits given"),
            (["pids=5"], "from 16 to 1000000"),
        ] {
            XCTAssertThrowsError(try ResourceLimit.set(app: "shop", process: nil, pairs: pairs, store: store)) {
                XCTAssertTrue("\($0)".contains(expected), "\($0)")
            }
        }
        XCTAssertThrowsError(try ResourceLimit.set(app: "shop", process: "we b", pairs: ["pids=20"], store: store))
        XCTAssertThrowsError(try ResourceLimit.set(app: "nope", process: nil, pairs: ["pids=20"], store: store))
        XCTAssertEqual(try store.settings("shop"), [:], "nothing stored")
    }

    func testAppContainersAreLimitedHardenedAndOnTheirAppsNetworkWithTheirStorage() throws {
        let storage = Storage(root: t.platform.root)
        try storage.ensureDirectory("uploads")
        try storage.mount(try StorageMount(parsing: "uploads:/data/uploads"), app: "shop", store: store)
        try ResourceLimit.set(app: "shop", process: "web", pairs: ["memory=256m", "cpus=1.5", "pids=64"], store: store)
        let engine = try XCTUnwrap(t.platform.docker.transport as? EngineScript)
        _ = try ContainerFactory(platform: t.platform).start(spec, process: "web", number: 1)

        let network = try XCTUnwrap(engine.request("POST /networks/create")).bodyText
        XCTAssertTrue(network.contains(#""Name":"paas-app-shop""#) && network.contains(#""paas.app":"shop""#), network)
        let body = try XCTUnwrap(engine.request("POST /containers/create")).bodyText
        for part in [
            #""Memory":268435456"#, #""MemorySwap":268435456"#, #""NanoCpus":1500000000"#, #""PidsLimit":64"#,
            #""LogConfig":{"#, #""max-file":"3""#, #""max-size":"10m""#, #""NetworkMode":"paas-app-shop""#,
            #""SecurityOpt":["no-new-privileges"]"#, #""NET_RAW""#,
            #"\/storage\/uploads:\/data\/uploads""#,
        ] {
            XCTAssertTrue(body.contains(part), "\(part) in \(body)")
        }
        XCTAssertFalse(body.contains("docker.sock"))
    }

    func testStorageNamesAndPathsAreChecked() throws {
        for bad in ["../etc", "a/b", "", ".hidden", "UP", "a b", String(repeating: "a", count: 64)] {
            XCTAssertThrowsError(try StorageMount.validate(name: bad), bad)
        }
        for bad in ["data", "/", "/data/../etc", "/proc/x", "/etc", "/data:ro", "/da ta", "/dev", "/sys/fs", "/a,b"] {
            XCTAssertThrowsError(try StorageMount.validate(containerPath: bad), bad)
        }
        XCTAssertEqual(try StorageMount.validate(containerPath: "/data//x/"), "/data/x")
        XCTAssertThrowsError(try StorageMount(parsing: "/srv/secrets:/data"))
        let storage = Storage(root: t.platform.root)
        XCTAssertThrowsError(try storage.mount(try StorageMount(parsing: "missing:/data"), app: "shop", store: store)) {
            XCTAssertEqual(
                "\($0)", "no storage directory 'missing'; create it first with storage:ensure-directory missing")
        }
        // A symlink planted in the storage folder is not followed out of it.
        try FileManager.default.createDirectory(atPath: t.platform.root.storage, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: t.platform.root.storage + "/escape", withDestinationPath: "/etc")
        XCTAssertThrowsError(try storage.mount(try StorageMount(parsing: "escape:/data"), app: "shop", store: store))
        XCTAssertThrowsError(try storage.ensureDirectory("escape"))
        XCTAssertEqual(try storage.mounts(app: "shop", store: store), [])
    }

    func testScaleOverTheInstanceCapIsRefusedAndChangesNothing() throws {
        try store.setFormation("shop", ["web": 2])
        XCTAssertThrowsError(try Scaler(platform: t.platform).scale(app: "shop", changes: [("web", 5000)])) {
            XCTAssertEqual(
                "\($0)",
                "5000 instances is more than shop may run (at most 50, all process types together; "
                    + "an admin can raise it with resource:set shop max-instances N)")
        }
        XCTAssertThrowsError(
            try Scaler(platform: t.platform).scale(app: "shop", changes: [("web", 30), ("worker", 21)]))
        XCTAssertEqual(try store.formation("shop"), ["web": 2])
        try Scaler(platform: t.platform).scale(app: "shop", changes: [("web", 30), ("worker", 20)])
        XCTAssertEqual(try store.formation("shop"), ["web": 30, "worker": 20])
    }

    func testOutputWithoutNewlinesIsCutIntoBoundedLines() {
        var lines: [Int] = []
        var output = OutputLines { lines.append($0.utf8.count) }
        for _ in 0..<5 { output.feed([UInt8](repeating: UInt8(ascii: "y"), count: 10_000), stderr: false) }
        output.feed(Array("end\n".utf8), stderr: false)
        output.finish()
        XCTAssertEqual(lines, [16384, 16384, 16384, 851])
    }
}
