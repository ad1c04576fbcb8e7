import DockerEngine
import Foundation
import PaasTestSupport
import XCTest

/// Issue 11's figures (`scripts/bench-swarm.sh`; skipped unless PAAS_BENCH=1), one host against
/// three in the same run: the same app with 3 replicas pushed to docker-local and to a swarm of
/// this host and two app nodes (plus an accessory node), push → every replica serving; failed
/// requests during the swarm's rolling updates under keep-alive and new-connection load; the time
/// until every replica serves again after a node is lost; the bytes each node received (image
/// bytes from the registry's access log, and all bytes on its link). Markdown to PAAS_BENCH_OUT.
final class SwarmBenchmark: XCTestCase {
    struct Round {
        var seconds: Double
        var ok: Bool
        /// Wall-clock start and end (Unix seconds), to place failed requests.
        var from = 0.0
        var to = 0.0
    }

    func testOneHostAgainstThree() throws {
        let env = ProcessInfo.processInfo.environment
        guard env["PAAS_BENCH"] == "1" else { throw XCTSkip("benchmark: run scripts/bench-swarm.sh") }
        let rounds = Int(env["PAAS_BENCH_ROUNDS"] ?? "") ?? 5
        let rate = Int(env["PAAS_BENCH_RATE"] ?? "") ?? 500
        let out = env["PAAS_BENCH_OUT"] ?? "/tmp/paas-bench-swarm.md"
        let c = try SwarmCluster(appNodes: 2)
        defer { c.teardown() }
        let load0 = Self.loadAverage()

        // One host: docker-local, 3 replicas.
        let local = "\(c.paas.id.value)-local"
        try c.expectOK(["apps:create", local])
        try c.expectOK(["ps:scale", local, "web=3"])
        let localRepo = try RolloutApps.make("local-0")
        XCTAssertTrue(try c.paas.push(localRepo, app: local).succeeded)
        let localRounds = try pushRounds(c, app: local, repo: localRepo, count: rounds)

        // Three hosts: the same app on the swarm (main, app1, app2), under load.
        let swarm = "\(c.paas.id.value)-swarm"
        try c.expectOK(["apps:create", swarm])
        try c.expectOK(["scheduler:set", swarm, "selected", "docker-swarm"])
        try c.expectOK(["ps:scale", swarm, "web=3"])
        let swarmRepo = try RolloutApps.make("swarm-0")
        let linksBefore = Self.linkBytes(c)
        XCTAssertTrue(try c.paas.push(swarmRepo, app: swarm).succeeded)
        let firstPushLinks = Self.linkBytes(c)
        let spread = Set(try c.servingTasks(app: swarm).map(\.nodeID)).count
        let keepAlive = try LoadLoop(c.paas, app: swarm, rate: rate, seconds: 900, keepalive: true)
        let fresh = try LoadLoop(c.paas, app: swarm, rate: rate, seconds: 900, keepalive: false)
        var swarmPushes: [String] = []
        let swarmRounds = try pushRounds(c, app: swarm, repo: swarmRepo, count: rounds, outputs: &swarmPushes)
        Thread.sleep(forTimeInterval: 1)
        let keepAliveRecords = try keepAlive.stop()
        let freshRecords = try fresh.stop()
        let linksAfter = Self.linkBytes(c)

        // Node loss: app2's daemon stops; time until 3 replicas serve again without it.
        let main = DockerClient.local(cancellation: nil)
        var recoveries: [Double] = []
        let lostNode = c.nodes.node(2)
        let lostID = try XCTUnwrap(try main.listNodes().first { $0.spec.labels["paas.node"] == "app2" }?.id)
        for _ in 0..<3 {
            try c.expectOK(["ps:restart", swarm])  // spread the tasks over the three nodes again
            guard waitUntil(timeout: .seconds(60), { (try? c.servingTasks(app: swarm).contains { $0.nodeID == lostID }) == true })
            else { continue }
            let start = ContinuousClock.now
            c.nodes.stopDaemon(lostNode)
            let back = waitUntil(timeout: .seconds(120), every: .milliseconds(100)) {
                let tasks = (try? c.servingTasks(app: swarm)) ?? []
                guard tasks.count == 3, tasks.allSatisfy({ $0.nodeID != lostID }) else { return false }
                return (0..<5).allSatisfy { _ in (try? c.paas.get(app: swarm).status) == 200 }
            }
            if back { recoveries.append(Self.seconds(ContinuousClock.now - start)) }
            try c.nodes.startDaemon(lostNode)
            _ = waitUntil(timeout: .seconds(60)) { (try? main.inspectNode(lostID))?.state == "ready" }
        }

        let images = Self.registryBytes(c)
        let names = [c.nodes.hostAddress: "main"].merging(
            Dictionary(uniqueKeysWithValues: c.nodes.nodes.enumerated().map { i, node in
                (node.address, i == c.nodes.nodes.count - 1 ? "db1 (accessory)" : "app\(i + 1)")
            })) { a, _ in a }
        var report = """
            ## Swarm: one host against three (issue 11)

            `scripts/bench-swarm.sh`, \(Self.stamp()), this machine (load average \(load0) at the start, \
            \(Self.loadAverage()) at the end). The same app (busybox httpd, 3 replicas) pushed \(rounds) times to \
            docker-local on this host, then \(rounds) times to a swarm of this host and two app nodes (dockerds in \
            network namespaces on one bridge, an accessory node beside them), medians; HAProxy in front.

            | figure | one host (docker-local) | three hosts (docker-swarm) |
            | --- | --- | --- |
            | push → every replica serving, median (min–max) | \(Self.describe(localRounds)) | \(Self.describe(swarmRounds)) |
            | ratio to one host | 1.00 | \(Self.ratio(swarmRounds, localRounds)) |
            | nodes the 3 replicas ran on | 1 | \(spread) |

            Rolling updates of 3 replicas under load (\(rate) req/s keep-alive + \(rate) req/s new connections \
            through HAProxy, during the \(rounds) swarm pushes):

            | clients | requests | achieved rate | failed |
            | --- | --- | --- | --- |
            | keep-alive | \(keepAliveRecords.count) | \(Self.rate(keepAliveRecords)) | **\(keepAliveRecords.filter { !$0.ok }.count)** |
            | new connection each | \(freshRecords.count) | \(Self.rate(freshRecords)) | **\(freshRecords.filter { !$0.ok }.count)** |

            Node lost (app2's dockerd stopped with 3 replicas spread): every replica serving again, elsewhere, \
            through the proxy: \(recoveries.isEmpty ? "not measured" : Self.describe(recoveries.map { Round(seconds: $0, ok: true) })) \
            over \(recoveries.count) losses (Swarm's heartbeat: \(2) s).

            Bytes each node received during the first swarm push (image layers, from the registry's access log) \
            and all bytes sent to it on its link over the whole run (Swarm's own traffic included):

            | node | image bytes from the registry | all bytes on its link (first push / whole run) |
            | --- | --- | --- |

            """
        for (k, node) in c.nodes.nodes.enumerated() {
            let name = names[node.address] ?? node.address
            let imageBytes = images[node.address] ?? 0
            let first = (firstPushLinks[k + 1] ?? 0) - (linksBefore[k + 1] ?? 0)
            let whole = (linksAfter[k + 1] ?? 0) - (linksBefore[k + 1] ?? 0)
            report += "| \(name) | \(imageBytes) | \(first) / \(whole) |\n"
        }
        report += "| main (this host) | \(images[c.nodes.hostAddress] ?? 0) (it built the image) | - |\n"
        let failures = (keepAliveRecords.map { ("keep-alive", $0) } + freshRecords.map { ("new connection", $0) }).filter { !$0.1.ok }
        if !failures.isEmpty {
            report += "\nFailed requests (kind, seconds after the push started — or outside pushes —, status, error):\n\n"
            for (kind, r) in failures.prefix(20) {
                report += "- \(kind), \(Self.when(r.t, in: swarmRounds)), status \(r.status), \(r.error ?? "-")\n"
            }
        }
        report += try Self.traces(c, out: out, rounds: swarmRounds, pushes: swarmPushes)
        try report.write(toFile: out, atomically: true, encoding: .utf8)
        print(report)
        XCTAssertEqual(images[c.dbNode.address] ?? 0, 0, "the accessory node pulled app image bytes")
        XCTAssertEqual(keepAliveRecords.filter { !$0.ok }.count + freshRecords.filter { !$0.ok }.count, 0)
    }

    /// Pushes `count` new versions; each round is push start → git push returned with every
    /// replica serving the new version through the proxy.
    private func pushRounds(_ c: SwarmCluster, app: String, repo: GitFixture, count: Int) throws -> [Round] {
        var outputs: [String] = []
        return try pushRounds(c, app: app, repo: repo, count: count, outputs: &outputs)
    }

    /// `pushRounds`, keeping each push's output (with its wall-clock start) and, for a swarm app,
    /// its web service's tasks afterwards in `outputs`.
    private func pushRounds(_ c: SwarmCluster, app: String, repo: GitFixture, count: Int, outputs: inout [String]) throws
        -> [Round]
    {
        var rounds: [Round] = []
        for n in 1...count {
            let version = "\(app.hasSuffix("local") ? "local" : "swarm")-\(n)"
            try RolloutApps.write(repo, version: version)
            try repo.commit(version)
            let start = ContinuousClock.now
            let from = Date().timeIntervalSince1970
            let push = try c.paas.push(repo, app: app)
            let served = (try? c.paas.waitFor(app: app, body: version + "\n", timeout: .seconds(30)))?.body == version + "\n"
            rounds.append(
                Round(
                    seconds: Self.seconds(ContinuousClock.now - start), ok: push.succeeded && served, from: from,
                    to: Date().timeIntervalSince1970))
            XCTAssertTrue(push.succeeded, push.summary)
            var text = String(format: "## push %d, started %.3f\n", n, from) + push.stderrText + push.stdoutText
            let tasks = (try? DockerClient.local(cancellation: nil).listTasks(service: "\(app)_web")) ?? []
            for t in tasks.sorted(by: { ($0.slot, $0.timestamp) < ($1.slot, $1.timestamp) }) {
                text += "task \(t.id.prefix(10)) slot \(t.slot) node \(t.nodeID.prefix(10)) port \(t.publishedPorts.first ?? 0) "
                text += "deploy \(t.labels["paas.deploy"] ?? "-") desired \(t.desiredState) state \(t.state) at \(t.timestamp)\n"
            }
            outputs.append(text)
        }
        return rounds
    }

    /// "push 3 +9.66 s": the push `t` fell in (else the one it is within a second of), or
    /// "outside pushes".
    static func when(_ t: Double, in rounds: [Round]) -> String {
        let push =
            rounds.enumerated().first { t >= $0.element.from && t <= $0.element.to }
            ?? rounds.enumerated().last { t >= $0.element.from - 1 && t <= $0.element.to + 1 }
        return push.map { String(format: "push %d %+.2f s", $0.offset + 1, t - $0.element.from) } ?? "outside pushes"
    }

    /// With HAProxy's log on (`PAAS_TEST_HAPROXY_LOG=1`): keeps HAProxy's log, the supervisor's
    /// log and the swarm pushes' output beside the report (OUT.haproxy.log, OUT.supervisor.log,
    /// OUT.pushes.log), and returns the report's lines for every request HAProxy logged as not
    /// plainly served (a status other than 200, a termination state other than `----`, or retries).
    static func traces(_ c: SwarmCluster, out: String, rounds: [Round], pushes: [String]) throws -> String {
        guard let haproxy = c.paas.proxy as? TestHAProxy, haproxy.logsRequests else { return "" }
        let log = haproxy.errorLog
        try log.write(toFile: out + ".haproxy.log", atomically: true, encoding: .utf8)
        let supervisor = (try? String(contentsOfFile: c.paas.rootPath + "/swarm/supervisor.log", encoding: .utf8)) ?? ""
        try supervisor.write(toFile: out + ".supervisor.log", atomically: true, encoding: .utf8)
        try pushes.joined(separator: "\n").write(toFile: out + ".pushes.log", atomically: true, encoding: .utf8)
        // [30/Nov/2026:06:30:51.123] paas app_x/web1_32768_10_0_0_2 0/0/1/2/3 200 151 - - ---- 4/4/0/0/0 0/0 "GET / HTTP/1.1"
        let pattern = try NSRegularExpression(
            pattern: #"\[([^\]]+)\] \S+ (\S+) \S+ (-?\d+) \S+ \S+ \S+ (\S{4}) \d+/\d+/\d+/\d+/(\+?\d+) "#)
        let dates = DateFormatter()
        dates.dateFormat = "dd/MMM/yyyy:HH:mm:ss.SSS"
        dates.locale = Locale(identifier: "en_US_POSIX")
        dates.timeZone = TimeZone.current
        var lines: [String] = []
        var requests = 0
        for line in log.split(separator: "\n").map(String.init) {
            guard let m = pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) else { continue }
            requests += 1
            let field = { (k: Int) in Range(m.range(at: k), in: line).map { String(line[$0]) } ?? "" }
            guard field(3) != "200" || field(4) != "----" || field(5) != "0" else { continue }
            let at = dates.date(from: field(1))?.timeIntervalSince1970
            let request = line.split(separator: "]", maxSplits: 1).last.map(String.init) ?? line
            lines.append("- \(at.map { when($0, in: rounds) } ?? "?"): `\(request.trimmingCharacters(in: .whitespaces))`")
        }
        var text = "\nHAProxy logged \(requests) requests; \(lines.count) not plainly served (status, termination state, retries)"
        text += lines.isEmpty ? ".\n" : ":\n\n" + lines.prefix(30).joined(separator: "\n") + "\n"
        return text
    }

    /// Bytes the registry sent to each address for blob and manifest GETs (its access log).
    static func registryBytes(_ c: SwarmCluster) -> [String: Int] {
        let log = (try? String(contentsOfFile: c.paas.rootPath + "/swarm/registry/registry.log", encoding: .utf8)) ?? ""
        var bytes: [String: Int] = [:]
        let pattern = try! NSRegularExpression(pattern: #"^(\d+\.\d+\.\d+\.\d+) - - \[[^\]]*\] "GET (\S+) HTTP/[0-9.]+" (\d+) (\d+)"#)
        for line in log.split(separator: "\n") {
            let text = String(line)
            guard let m = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                let ip = Range(m.range(at: 1), in: text), let size = Range(m.range(at: 4), in: text)
            else { continue }
            bytes[String(text[ip]), default: 0] += Int(text[size]) ?? 0
        }
        return bytes
    }

    /// Bytes sent to each node over its link so far (the host end's tx counter), by node index.
    static func linkBytes(_ c: SwarmCluster) -> [Int: Int] {
        var bytes: [Int: Int] = [:]
        for k in 1...c.nodes.nodes.count {
            let path = "/sys/class/net/\(c.nodes.names.hostVeth(k))/statistics/tx_bytes"
            bytes[k] = Int(((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return bytes
    }

    /// "497 req/s": requests over the time from the first request sent to the last.
    static func rate(_ records: [LoadLoop.Record]) -> String {
        guard let first = records.map(\.t).min(), let last = records.map(\.t).max(), last > first else { return "-" }
        return String(format: "%.0f req/s", Double(records.count) / (last - first))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func describe(_ rounds: [Round]) -> String {
        let s = rounds.map(\.seconds)
        let failed = rounds.filter { !$0.ok }.count
        return String(format: "%.2f s (%.2f–%.2f)", median(s), s.min() ?? 0, s.max() ?? 0) + (failed > 0 ? ", \(failed) failed" : "")
    }

    static func ratio(_ a: [Round], _ b: [Round]) -> String {
        let base = median(b.map(\.seconds))
        return base > 0 ? String(format: "x%.2f", median(a.map(\.seconds)) / base) : "-"
    }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").first.map(String.init) ?? "?"
    }

    static func stamp() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date())
    }
}
