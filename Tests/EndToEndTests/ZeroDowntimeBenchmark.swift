import DockerEngine
import Foundation
import PaasTestSupport
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 10's side-by-side proof (`scripts/bench-zero-downtime.sh`; skipped unless
/// PAAS_BENCH=1): for HAProxy, then nginx, the same app under the same loopback load — keep-alive
/// clients and new-connection clients together — while 20 changes run back to back: 10 good
/// pushes, 3 with a failing check, 2 interrupted with SIGINT, 2 scale changes, 1 config change,
/// 1 domain add, 1 certificate add. Writes a markdown report to `PAAS_BENCH_OUT`.
final class ZeroDowntimeBenchmark: XCTestCase {
    enum Op: String {
        case push = "push", failing = "failing check", interrupted = "SIGINT", scaleUp = "ps:scale web=2",
            scaleDown = "ps:scale web=1", config = "config:set", domain = "domains:add", cert = "certs:add"
    }

    /// The 20 changes, in order.
    static let plan: [Op] = [
        .push, .push, .scaleUp, .push, .failing, .push, .config, .interrupted, .push, .domain,
        .push, .failing, .scaleDown, .push, .interrupted, .cert, .push, .failing, .push, .push,
    ]

    struct Change {
        var op: Op
        var version: String?
        var exit: Int32?
        var start: Double
        var starting: Double?
        var switching: Double?
        var healthy: Double?
        /// Create → first 200 of a bare container as paas starts it, just before this push.
        var bare: Double?
        var end: Double
    }

    struct ProxyRun {
        var kind: TestProxyKind
        var keepAlive: [LoadLoop.Record]
        var fresh: [LoadLoop.Record]
        var changes: [Change]
        /// Median create → first 200 of a bare container before the load, on Docker's default
        /// bridge (the former baseline; each push has its own under the load, `Change.bare`).
        var ownStart: Double
        var rates: (keepAlive: Int, fresh: Int)
        /// /proc/loadavg's 1-minute figure at the start and the end of the run.
        var loadAverage: (start: String, end: String)
    }

    /// The 1-minute load average now (other work on the machine starves the load generator).
    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").first.map(String.init) ?? "?"
    }

    func testZeroDowntimeSideBySide() throws {
        let env = ProcessInfo.processInfo.environment
        try XCTSkipUnless(env["PAAS_BENCH"] == "1", "set PAAS_BENCH=1 to run the zero-downtime benchmark")
        let keepRate = Int(env["PAAS_BENCH_KEEPALIVE_RATE"] ?? "") ?? 600
        let freshRate = Int(env["PAAS_BENCH_NEWCONN_RATE"] ?? "") ?? 400
        let out = env["PAAS_BENCH_OUT"] ?? "/tmp/paas-bench-zero-downtime.md"
        let kinds = (env["PAAS_BENCH_PROXIES"] ?? "haproxy,nginx").split(separator: ",").compactMap {
            TestProxyKind(rawValue: String($0))
        }
        var runs: [ProxyRun] = []
        for kind in kinds {
            runs.append(try run(kind, rates: (keepRate, freshRate), records: out))
        }
        let report = ZeroDowntimeReport.markdown(runs)
        print(report)
        try report.write(toFile: out, atomically: true, encoding: .utf8)
        for haproxy in runs where haproxy.kind == .haproxy {
            XCTAssertEqual((haproxy.keepAlive + haproxy.fresh).filter { !$0.ok }.count, 0, "HAProxy lost requests")
        }
    }

    /// Runs the plan through `kind`; the raw records go next to the report (`OUT.KIND.*.jsonl`).
    private func run(_ kind: TestProxyKind, rates: (Int, Int), records out: String) throws -> ProxyRun {
        let paas = try PaasHarness("bench", proxy: kind)
        defer { paas.cleanup() }
        let app = paas.id.value
        let ca = try TestCA()
        let repo = try RolloutApps.make("version-a")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        XCTAssertTrue(try paas.ssh(["checks:set", app, "settle", "0"]).succeeded)
        XCTAssertEqual(try paas.waitFor(app: app, body: "version-a\n").status, 200)
        let ownStart = try Self.containerOwnStart(paas, image: "paas/\(app):v1", runs: 5)

        let loadAtStart = Self.loadAverage()
        let keepAlive = try LoadLoop(paas, app: app, rate: rates.0, seconds: 900, keepalive: true)
        let fresh = try LoadLoop(paas, app: app, rate: rates.1, seconds: 900)
        Thread.sleep(forTimeInterval: 2)
        var changes: [Change] = []
        var pushLog = ""
        var next = "version-b"
        var web = 1
        for (i, op) in Self.plan.enumerated() {
            let start = Date().timeIntervalSince1970
            var change = Change(op: op, start: start, end: start)
            switch op {
            case .push, .failing, .interrupted:
                if op == .push {
                    // The baseline of this push: a bare container as paas starts it, under the
                    // same load, a moment before.
                    // (Old releases' images are cleaned up: take the one serving now.)
                    let live = try paas.containers(app: app, process: "web").first { $0.state == "running" }?.image
                    change.bare = try Self.containerOwnStart(
                        paas, image: live ?? "paas/\(app):v1", runs: 1, asPaas: "paas-app-\(app)")
                    change.start = Date().timeIntervalSince1970
                }
                switch op {
                case .push: try RolloutApps.write(repo, version: next)
                case .failing: try RolloutApps.write(repo, version: "broken", health: false, appJSON: RolloutApps.healthJSON)
                default: try RolloutApps.write(repo, version: "slow", command: "sleep 3; exec httpd -f -p $PORT -h /www")
                }
                try repo.commit("change \(i)")
                let push = try PushProcess(repo, harness: paas, app: app)
                if op == .interrupted {
                    push.waitForLine(containing: "Starting")
                    Thread.sleep(forTimeInterval: 1)
                    push.interrupt()
                }
                change.exit = push.wait(timeout: .seconds(300))
                pushLog += "## change \(i): \(op.rawValue)\n" + push.timedOutput + "\n"
                if op == .interrupted {
                    _ = waitUntil(timeout: .seconds(30)) { RolloutProbe.preReceivePIDs(root: paas.rootPath).isEmpty }
                }
                let clock = (wall: Date().timeIntervalSince1970, mono: ContinuousClock.now)
                func wall(_ at: ContinuousClock.Instant?) -> Double? { at.map { clock.wall - $0.duration(to: clock.mono) / .seconds(1) } }
                change.starting = wall(push.time(of: "Starting "))
                change.switching = wall(push.time(of: "Switching traffic"))
                change.healthy = wall(push.lastTime(of: "is healthy"))
                XCTAssertEqual(change.exit == 0, op == .push, "change \(i) (\(op.rawValue)) on \(kind): \(push.output)")
                if op == .push {
                    change.version = next
                    next = next == "version-a" ? "version-b" : "version-a"
                }
            case .scaleUp, .scaleDown:
                web = op == .scaleUp ? 2 : 1
                XCTAssertTrue(try paas.ssh(["ps:scale", app, "web=\(web)"]).succeeded)
            case .config:
                XCTAssertTrue(try paas.ssh(["config:set", app, "BENCH=\(i)"]).succeeded)
            case .domain:
                XCTAssertTrue(try paas.ssh(["domains:add", app, "bench-\(app).test"]).succeeded)
            case .cert:
                let cert = try ca.issue("bench", domains: [paas.host(app)])
                XCTAssertTrue(try paas.ssh(["certs:add", app], stdin: Array((cert.cert + cert.key).utf8)).succeeded)
            }
            change.end = Date().timeIntervalSince1970
            changes.append(change)
            pushLog += "## change \(i) (\(op.rawValue)): wall " + String(format: "%.3f to %.3f", change.start, change.end)
                + (change.starting.map { String(format: ", starting %.4f", $0) } ?? "")
                + (change.healthy.map { String(format: ", healthy %.4f", $0) } ?? "") + "\n"
            XCTAssertTrue(paas.waitForContainers(app, count: web), "change \(i) (\(op.rawValue)) on \(kind) left the wrong containers")
        }
        Thread.sleep(forTimeInterval: 2)
        let keptRecords = try keepAlive.stop(), freshRecords = try fresh.stop()
        try? pushLog.write(toFile: "\(out).\(kind.rawValue).pushes.txt", atomically: true, encoding: .utf8)
        for (load, name) in [(keepAlive, "keepalive"), (fresh, "newconn")] {
            let copy = "\(out).\(kind.rawValue).\(name).jsonl"
            try? FileManager.default.removeItem(atPath: copy)
            try? FileManager.default.copyItem(atPath: load.records, toPath: copy)
        }
        return ProxyRun(
            kind: kind, keepAlive: keptRecords, fresh: freshRecords, changes: changes, ownStart: ownStart, rates: rates,
            loadAverage: (loadAtStart, Self.loadAverage()))
    }

    // MARK: - The container's own start time

    /// Median seconds from create to the first HTTP 200 of a bare container of `image` (Engine
    /// API, published on 127.0.0.1), without paas: on Docker's default bridge, or with `asPaas`
    /// on that network with the hardening paas gives app containers.
    static func containerOwnStart(_ paas: PaasHarness, image: String, runs: Int, asPaas network: String? = nil) throws
        -> Double
    {
        let docker = paas.docker
        var times: [Double] = []
        for _ in 0..<runs {
            var spec = ContainerSpec(image: image)
            spec.env = ["PORT=5000"]
            spec.labels = paas.id.labels
            spec.exposedPorts = ["5000/tcp"]
            spec.hostConfig.portBindings = ["5000/tcp": [PortBinding(hostIP: "127.0.0.1", hostPort: "")]]
            spec.hostConfig.`init` = true
            if let network {
                spec.hostConfig.networkMode = network
                spec.hostConfig.restartPolicy = "unless-stopped"
                spec.hostConfig.pidsLimit = 1024
                spec.hostConfig.capDrop = ["AUDIT_WRITE", "MKNOD", "NET_RAW", "SETFCAP", "SETPCAP", "SYS_CHROOT"]
                spec.hostConfig.securityOpt = ["no-new-privileges"]
            }
            let begin = ContinuousClock.now
            let id = try docker.createContainer(name: nil, spec)
            try docker.startContainer(id)
            let port = try XCTUnwrap(try docker.inspectContainer(id)?.hostPort(for: "5000/tcp"))
            XCTAssertTrue(waitUntil(timeout: .seconds(10), every: .milliseconds(1)) { answers200(port: port) })
            times.append((ContinuousClock.now - begin) / .seconds(1))
            try docker.removeContainer(id, force: true)
        }
        return ZeroDowntimeReport.percentile(times, 0.5)
    }

    /// One GET / to 127.0.0.1:`port`; whether it answered 200.
    private static func answers200(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return false }
        let request = "GET / HTTP/1.0\r\n\r\n"
        guard request.withCString({ send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = recv(fd, &buffer, buffer.count, 0)
        return n > 12 && String(decoding: buffer[0..<n], as: UTF8.self).contains(" 200 ")
    }
}
