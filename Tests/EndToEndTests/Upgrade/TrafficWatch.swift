import Foundation
import PaasTestSupport
import Synchronization

/// Requests one app through the test nginx, one after another on a thread of its own, until
/// stopped (at most `limit` requests, bounded in time by the caller), counting answers that are
/// not 200 with the expected body.
final class TrafficWatch: Sendable {
    private struct Counts {
        var sent = 0; var failed = 0; var stop = false; var done = false; var examples: [String] = []
    }
    private let counts = Mutex(Counts())

    init(_ paas: PaasHarness, app: String, body: String, limit: Int = 20_000) {
        let thread = Thread { [self] in
            while counts.withLock({ !$0.stop && $0.sent < limit }) {
                let answer = try? paas.get(app: app)
                counts.withLock { c in
                    c.sent += 1
                    if answer?.status != 200 || answer?.body != body {
                        c.failed += 1
                        if c.examples.count < 5 {
                            c.examples.append("\(answer?.status ?? 0) \(answer?.body.prefix(80) ?? "")")
                        }
                    }
                }
            }
            counts.withLock { $0.done = true }
        }
        thread.start()
    }

    /// Stops and returns (requests sent, failed, a few failed answers).
    func stop() -> (sent: Int, failed: Int, examples: [String]) {
        counts.withLock { $0.stop = true }
        _ = waitUntil(timeout: .seconds(20)) { counts.withLock { $0.done } }
        return counts.withLock { ($0.sent, $0.failed, $0.examples) }
    }
}
