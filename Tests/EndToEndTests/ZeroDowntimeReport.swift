import Foundation
import PaasTestSupport

/// The figures of `ZeroDowntimeBenchmark`, per proxy, as a markdown table.
enum ZeroDowntimeReport {
    typealias Run = ZeroDowntimeBenchmark.ProxyRun

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    /// Wall-clock windows in which traffic moved: a push that switched from "Switching
    /// traffic" to its end, a scale, config, domain or certificate change from start to end;
    /// half a second either side. Rejected and interrupted pushes never switch.
    static func windows(_ run: Run) -> [(Double, Double)] {
        run.changes.compactMap { c in
            switch c.op {
            case .failing, .interrupted: return nil
            case .push: return c.switching.map { ($0 - 0.5, c.end + 0.5) }
            default: return (c.start - 0.5, c.end + 0.5)
            }
        }
    }

    /// Seconds from the last "is healthy" line of each good push to the first response the new
    /// version served, and from "Starting" to it.
    static func switches(_ run: Run) -> (switchTimes: [Double], toServed: [Double], overheads: [Double]) {
        let all = run.keepAlive + run.fresh
        var switchTimes: [Double] = []
        var toServed: [Double] = []
        var overheads: [Double] = []
        for c in run.changes where c.op == .push {
            guard let version = c.version, let healthy = c.healthy, let starting = c.starting else { continue }
            let served = all.filter { $0.body == version && $0.t >= c.start }.map { $0.t + $0.ms / 1000 }.min()
            guard let served else { continue }
            switchTimes.append(served - healthy)
            toServed.append(served - starting)
            if let bare = c.bare { overheads.append(served - starting - bare) }
        }
        return (switchTimes, toServed, overheads)
    }

    /// Why a request failed, in a few words: the connection closed or reset under it (what a
    /// reload does to keep-alive clients), no answer within the client's 5 s, or an HTTP status.
    static func cause(_ x: LoadLoop.Record) -> String {
        guard let error = x.error?.replacingOccurrences(of: "reused connection: ", with: "") else { return "HTTP \(x.status)" }
        if error.hasPrefix("TimeoutError") { return "no answer in 5 s" }
        if error.hasPrefix("IncompleteReadError") || error.hasPrefix("ConnectionResetError") { return "closed/reset" }
        return String(error.prefix { $0 != ":" })
    }

    static func markdown(_ runs: [Run]) -> String {
        func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
        func ms2(_ v: Double) -> String { String(format: "%.1f ms", v) }
        var rows: [(String, [String])] = []
        func row(_ name: String, _ f: (Run) -> String) { rows.append((name, runs.map(f))) }
        row("load") { "\($0.rates.keepAlive) req/s keep-alive + \($0.rates.fresh) req/s new connections" }
        row("changes") { r in
            Dictionary(grouping: r.changes, by: \.op.rawValue).sorted { $0.key < $1.key }.map { "\($0.value.count) \($0.key)" }
                .joined(separator: ", ")
        }
        for (label, pick) in [("keep-alive", { (r: Run) in r.keepAlive }), ("new-connection", { (r: Run) in r.fresh })] {
            row("\(label): requests / failed") { r in
                let records = pick(r)
                let failed = records.filter { !$0.ok }
                return "\(records.count) / **\(failed.count)**"
            }
            row("\(label): failed during / outside switches") { r in
                let w = windows(r)
                let failed = pick(r).filter { !$0.ok }
                let during = failed.filter { x in w.contains { x.t >= $0.0 && x.t <= $0.1 } }.count
                return "\(during) / \(failed.count - during)"
            }
            row("\(label): failed by cause") { r in
                var causes: [String: Int] = [:]
                for x in pick(r) where !x.ok { causes[cause(x), default: 0] += 1 }
                return causes.isEmpty ? "none" : causes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            }
            row("\(label): p50 / p99 during switches") { r in
                let w = windows(r)
                let v = pick(r).filter { x in w.contains { x.t >= $0.0 && x.t <= $0.1 } }.map(\.ms)
                return "\(ms2(percentile(v, 0.5))) / \(ms2(percentile(v, 0.99))) (\(v.count) req)"
            }
            row("\(label): p50 / p99 outside switches") { r in
                let w = windows(r)
                let v = pick(r).filter { x in !w.contains { x.t >= $0.0 && x.t <= $0.1 } }.map(\.ms)
                return "\(ms2(percentile(v, 0.5))) / \(ms2(percentile(v, 0.99))) (\(v.count) req)"
            }
        }
        row("machine load average (1 min) at start / end") { "\($0.loadAverage.start) / \($0.loadAverage.end) on \(ProcessInfo.processInfo.activeProcessorCount) cores" }
        row("achieved rate") { r in
            let all = r.keepAlive + r.fresh
            guard let first = all.map(\.t).min(), let last = all.map(\.t).max(), last > first else { return "-" }
            return String(format: "%.0f req/s", Double(all.count) / (last - first))
        }
        row("switch: new healthy → first response by them (median / max)") { r in
            let s = switches(r).switchTimes
            return "\(ms(percentile(s, 0.5))) / \(ms(s.max() ?? .nan))"
        }
        row("\"Starting\" → first response by the new version (median)") { ms(percentile(switches($0).toServed, 0.5)) }
        row("bare container create → first 200, as paas starts it (app network, hardening), under the load just before each push (median)") { r in
            ms(percentile(r.changes.compactMap(\.bare), 0.5))
        }
        row("paas's own overhead to served: each push's \"Starting\" → served minus its bare container (median)") { r in
            ms(percentile(switches(r).overheads, 0.5))
        }
        row("bare container create → first 200 before the load, default bridge (median of 5; the former baseline)") { ms($0.ownStart) }
        row("\"Starting\" → served minus that former baseline (the former overhead figure)") { r in
            ms(percentile(switches(r).toServed, 0.5) - r.ownStart)
        }
        var text = "| figure | " + runs.map(\.kind.rawValue).joined(separator: " | ") + " |\n"
        text += "| --- |" + String(repeating: " --- |", count: runs.count) + "\n"
        for (name, values) in rows { text += "| \(name) | " + values.joined(separator: " | ") + " |\n" }
        for r in runs {
            let failed = (r.keepAlive.map { ("keep-alive", $0) } + r.fresh.map { ("new-connection", $0) }).filter { !$0.1.ok }
            guard !failed.isEmpty else { continue }
            text += "\nFailed requests through \(r.kind.rawValue) (first 10):\n\n"
            for (kind, x) in failed.sorted(by: { $0.1.t < $1.1.t }).prefix(10) {
                let during = r.changes.first { $0.start - 0.5 <= x.t && x.t <= $0.end + 0.5 }.map { " during \($0.op.rawValue)" } ?? ""
                text += "- \(kind) t=\(x.t) status \(x.status) \(x.error ?? "") after \(ms2(x.ms))\(during)\n"
            }
        }
        return text
    }
}
