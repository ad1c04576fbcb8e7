import Foundation

/// Runs work items on at most `limit` threads at once and collects the results in order.
///
/// Plain threads rather than Dispatch's concurrentPerform, which runs no more items at once
/// than there are cores: a deploy mostly waits on Docker, so more may run than cores.
enum ParallelRunner {
    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], limit: Int, _ body: @escaping @Sendable (Item) -> Result
    ) -> [Result] {
        guard !items.isEmpty else { return [] }
        let box = Box<Result>(count: items.count)
        let group = DispatchGroup()
        for _ in 0..<min(max(limit, 1), items.count) {
            group.enter()
            let thread = Thread {
                while let index = box.take() {
                    box.set(index, body(items[index]))
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return box.results
    }

    /// The next index to run and the results so far.
    // @unchecked Sendable: every access to the stored state holds `lock`.
    private final class Box<Result: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var slots: [Result?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func take() -> Int? {
            lock.withLock {
                guard next < slots.count else { return nil }
                defer { next += 1 }
                return next
            }
        }

        func set(_ index: Int, _ result: Result) { lock.withLock { slots[index] = result } }

        var results: [Result] { lock.withLock { slots.map { $0! } } }
    }
}
