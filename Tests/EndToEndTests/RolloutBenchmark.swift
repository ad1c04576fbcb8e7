import DockerEngine
import Foundation
import PaasTestSupport
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 5's proof under load (`scripts/bench-zero-downtime.sh`; skipped unless PAAS_BENCH=1):
/// a steady loopback load through nginx while 20 deploys run back to back, alternating two
/// versions, 3 with a failing health check and 2 interrupted with SIGINT. Writes a markdown
/// report to `PAAS_BENCH_OUT` (default `/tmp/paas-bench-zero-downtime.md`).
final class RolloutBenchmark: XCTestCase {
    private enum Kind: String { case good = "ok", failing = "failing check", interrupted = "SIGINT" }

    private struct Deploy {
        var index: Int
        var kind: Kind
        var exit: Int32?
        var containers: Int
        var starting: Date?
        var switching: Date?
        var deployed: Date?
        var end: Date
    }

    func testZeroDowntimeUnderLoad() throws {
        let env = ProcessInfo.processInfo.environment
        try XCTSkipUnless(env["PAAS_BENCH"] == "1", "set PAAS_BENCH=1 to run the zero-downtime benchmark")
        let rate = Int(env["PAAS_BENCH_RATE"] ?? "") ?? 200
        let paas = try PaasHarness("bench")
        defer { paas.cleanup() }
        let app = paas.id.value

        let repo = try RolloutApps.make("version-a")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        XCTAssertTrue(try paas.ssh(["checks:set", app, "settle", "0"]).succeeded)
        XCTAssertEqual(try paas.waitFor(app: app, body: "version-a\n").status, 200)
        let ownStart = try containerOwnStart(paas, image: "paas/\(app):v1", runs: 5)

        let load = try LoadLoop(paas, app: app, rate: rate, seconds: 900)
        Thread.sleep(forTimeInterval: 2)
        var deploys: [Deploy] = []
        let failing: Set<Int> = [4, 11, 17]
        let interrupted: Set<Int> = [7, 14]
        var next = "version-b"
        for i in 0..<20 {
            let kind: Kind = failing.contains(i) ? .failing : interrupted.contains(i) ? .interrupted : .good
            switch kind {
            case .good: try RolloutApps.write(repo, version: next)
            case .failing: try RolloutApps.write(repo, version: "broken", health: false, appJSON: RolloutApps.healthJSON)
            case .interrupted: try RolloutApps.write(repo, version: "slow", command: "sleep 3; exec httpd -f -p $PORT -h /www")
            }
            try repo.commit("deploy \(i)")
            let push = try PushProcess(repo, harness: paas, app: app)
            if kind == .interrupted {
                push.waitForLine(containing: "Starting")
                Thread.sleep(forTimeInterval: 1)
                push.interrupt()
            }
            let exit = push.wait(timeout: .seconds(300))
            if kind == .interrupted {
                _ = waitUntil(timeout: .seconds(30)) { RolloutProbe.preReceivePIDs(root: paas.rootPath).isEmpty }
            }
            let clock = (wall: Date(), mono: ContinuousClock.now)
            func wall(_ text: String) -> Date? {
                push.time(of: text).map { clock.wall.addingTimeInterval(-(($0.duration(to: clock.mono)) / .seconds(1))) }
            }
            let count = try paas.containers(app: app).count
            deploys.append(
                Deploy(
                    index: i, kind: kind, exit: exit, containers: count, starting: wall("Starting "),
                    switching: wall("Switching traffic"), deployed: wall("Application deployed"), end: Date()))
            XCTAssertEqual(exit == 0, kind == .good, "deploy \(i) (\(kind)): \(push.output)")
            XCTAssertEqual(count, 1, "deploy \(i) (\(kind)) left \(count) containers")
            if kind == .good { next = next == "version-a" ? "version-b" : "version-a" }
        }
        Thread.sleep(forTimeInterval: 2)
        let records = try load.stop()
        try? FileManager.default.removeItem(atPath: (env["PAAS_BENCH_OUT"] ?? "/tmp/paas-bench-zero-downtime.md") + ".jsonl")
        try? FileManager.default.copyItem(atPath: load.records, toPath: (env["PAAS_BENCH_OUT"] ?? "/tmp/paas-bench-zero-downtime.md") + ".jsonl")
        let report = Self.report(records: records, deploys: deploys, ownStart: ownStart, rate: rate)
        print(report)
        let out = env["PAAS_BENCH_OUT"] ?? "/tmp/paas-bench-zero-downtime.md"
        try report.write(toFile: out, atomically: true, encoding: .utf8)
        XCTAssertEqual(records.filter { !$0.ok }.count, 0, "failed requests: \(records.filter { !$0.ok }.prefix(10))")
    }

    // MARK: - The container's own start time

    /// Median time from create to the first HTTP 200 of a bare container of `image` (Engine API,
    /// published on 127.0.0.1), as paas would start it, without paas.
    private func containerOwnStart(_ paas: PaasHarness, image: String, runs: Int) throws -> Double {
        let docker = paas.docker
        var times: [Double] = []
        for _ in 0..<runs {
            var spec = ContainerSpec(image: image)
            spec.env = ["PORT=5000"]
            spec.labels = paas.id.labels
            spec.exposedPorts = ["5000/tcp"]
            spec.hostConfig.portBindings = ["5000/tcp": [PortBinding(hostIP: "127.0.0.1", hostPort: "")]]
            spec.hostConfig.`init` = true
            let begin = ContinuousClock.now
            let id = try docker.createContainer(name: nil, spec)
            try docker.startContainer(id)
            let port = try XCTUnwrap(try docker.inspectContainer(id)?.hostPort(for: "5000/tcp"))
            XCTAssertTrue(waitUntil(timeout: .seconds(10), every: .milliseconds(1)) { Self.answers200(port: port) })
            times.append((ContinuousClock.now - begin) / .seconds(1))
            try docker.removeContainer(id, force: true)
        }
        return Self.median(times)
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

    // MARK: - Report

    private static func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

    private static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    private static func report(records: [LoadLoop.Record], deploys: [Deploy], ownStart: Double, rate: Int) -> String {
        let errors = records.filter { $0.error != nil }
        let non2xx = records.filter { $0.error == nil && !(200..<300).contains($0.status) }
        var versions: [String: Int] = [:]
        for r in records { versions[r.body.isEmpty ? "(none)" : r.body, default: 0] += 1 }
        // A switch window: from "Switching traffic" to the deploy's end, half a second either side.
        let windows = deploys.compactMap { d in d.switching.map { ($0.timeIntervalSince1970 - 0.5, d.end.timeIntervalSince1970 + 0.5) } }
        let inSwitch = records.filter { r in windows.contains { r.t >= $0.0 && r.t <= $0.1 } }.map(\.ms)
        let all = records.map(\.ms)
        let outside = records.filter { r in !windows.contains { r.t >= $0.0 && r.t <= $0.1 } }.map(\.ms)
        let slow = records.filter { $0.ms > 900 }
        let good = deploys.filter { $0.kind == .good }
        let toSwitch = good.compactMap { d in d.starting.flatMap { s in d.switching.map { $0.timeIntervalSince(s) } } }
        let toDone = good.compactMap { d in d.starting.flatMap { s in d.deployed.map { $0.timeIntervalSince(s) } } }
        func ms(_ s: Double) -> String { String(format: "%.0f ms", s * 1000) }
        func ms2(_ v: Double) -> String { String(format: "%.1f ms", v) }
        var text = """
            | figure | value |
            | --- | --- |
            | load | \(rate) req/s, one new connection per request, through nginx |
            | deploys | \(deploys.count): \(good.count) ok, \(deploys.filter { $0.kind == .failing }.count) failing check, \(deploys.filter { $0.kind == .interrupted }.count) SIGINT |
            | requests sent | \(records.count) |
            | non-2xx | \(non2xx.count) |
            | connection errors | \(errors.count) |
            | versions seen | \(versions.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")) |
            | latency p50 / p99, all | \(ms2(percentile(all, 0.5))) / \(ms2(percentile(all, 0.99))) |
            | latency p50 / p99, during switches (\(inSwitch.count) requests) | \(ms2(percentile(inSwitch, 0.5))) / \(ms2(percentile(inSwitch, 0.99))) |
            | latency p50 / p99, outside switches | \(ms2(percentile(outside, 0.5))) / \(ms2(percentile(outside, 0.99))) |
            | requests slower than 900 ms (a TCP SYN retransmit takes 1 s) | \(slow.count), \(slow.filter { r in windows.contains { r.t >= $0.0 && r.t <= $0.1 } }.count) of them during switches |
            | containers after each deploy | \(deploys.map { String($0.containers) }.joined(separator: " ")) |
            | bare container create → first 200 (median of 5) | \(ms(ownStart)) |
            | "Starting" → "Switching traffic" (median) | \(ms(median(toSwitch))) |
            | "Starting" → "Application deployed" (median) | \(ms(median(toDone))) |
            | rollout beyond the container's own start, to the switch | \(ms(median(toSwitch) - ownStart)) |
            | rollout beyond the container's own start, to done (drain 0) | \(ms(median(toDone) - ownStart)) |

            """
        if !errors.isEmpty || !non2xx.isEmpty {
            text += "\nFailed requests (first 10):\n\n"
            for r in (errors + non2xx).sorted(by: { $0.t < $1.t }).prefix(10) {
                text += "- t=\(r.t) status \(r.status) \(r.error ?? "") after \(ms2(r.ms))\n"
            }
        }
        return text
    }
}
