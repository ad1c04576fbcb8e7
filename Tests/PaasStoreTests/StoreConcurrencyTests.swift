import Foundation
import XCTest

@testable import PaasStore

/// What every concurrent writer does: open its own Store on the shared file (which may not
/// exist yet), make sure the app exists, then make config changes that each record a release,
/// and releases that replace the config.
func concurrentWriterWork(path: String, writer: Int, rounds: Int) throws {
    let store = try Store(path: path)
    do { try store.createApp("shared") } catch StoreError.appExists {}
    for round in 0..<rounds {
        try store.updateConfig("shared", { $0["W\(writer)_\(round)"] = "value \(writer) \(round)" }) { _, merged in
            ReleaseDraft(app: "shared", config: merged, description: "Set W\(writer)_\(round)")
        }
        try store.recordRelease(ReleaseDraft(app: "shared", description: "deploy \(writer)"), config: nil)
    }
}

/// Checks what `writers` × `rounds` concurrent writers left behind.
func checkConcurrentResult(path: String, writers: Int, rounds: Int, file: StaticString = #filePath, line: UInt = #line)
    throws
{
    let store = try Store(path: path)
    let total = writers * rounds * 2
    XCTAssertEqual(try store.releases("shared").map(\.version), Array((1...total).reversed()), file: file, line: line)
    let config = try store.config("shared")
    XCTAssertEqual(config.count, writers * rounds, "a config change was lost", file: file, line: line)
    for writer in 0..<writers {
        for round in 0..<rounds {
            XCTAssertEqual(config["W\(writer)_\(round)"], "value \(writer) \(round)", file: file, line: line)
        }
    }
}

final class StoreConcurrencyTests: XCTestCase {
    static let writers = 20
    static let rounds = 5

    func testTwentyThreadsWithTheirOwnStoreOnOneFile() throws {
        let path = try makeTempDirectory(self) + "/paas.db"
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: Self.writers) { writer in
            do { try concurrentWriterWork(path: path, writer: writer, rounds: Self.rounds) } catch {
                failures.append("writer \(writer): \(error)")
            }
        }
        XCTAssertEqual(failures.all, [])
        try checkConcurrentResult(path: path, writers: Self.writers, rounds: Self.rounds)
    }

    /// The real case: 20 `paas` processes at once. Each is this test binary running only
    /// `StoreWorkerProcess.testWorker`, told what to do through the environment.
    func testTwentyProcessesOnOneFile() throws {
        #if os(Linux)
            let binary = URL(fileURLWithPath: CommandLine.arguments[0])
            let path = try makeTempDirectory(self) + "/paas.db"
            var processes: [Process] = []
            var outputs: [Pipe] = []
            for writer in 0..<Self.writers {
                let process = Process()
                process.executableURL = binary
                process.arguments = ["PaasStoreTests.StoreWorkerProcess/testWorker"]
                var env = ProcessInfo.processInfo.environment
                env["PAAS_STORE_WORKER_DB"] = path
                env["PAAS_STORE_WORKER_ID"] = String(writer)
                env["PAAS_STORE_WORKER_ROUNDS"] = String(Self.rounds)
                process.environment = env
                // What a failing worker said (XCTest reports on stdout) goes into the failure.
                let output = Pipe()
                process.standardOutput = output
                process.standardError = output
                try process.run()
                processes.append(process)
                outputs.append(output)
            }
            for (writer, process) in processes.enumerated() {
                let said = String(decoding: outputs[writer].fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                XCTAssertEqual(
                    process.terminationStatus, 0,
                    "worker process \(writer) failed: \(said.split(separator: "\n").filter { $0.contains("error") }.joined(separator: " | "))")
            }
            try checkConcurrentResult(path: path, writers: Self.writers, rounds: Self.rounds)
        #else
            throw XCTSkip("spawns the test binary by its Linux name")
        #endif
    }
}

/// The body of one worker process of `testTwentyProcessesOnOneFile`.
final class StoreWorkerProcess: XCTestCase {
    func testWorker() throws {
        let env = ProcessInfo.processInfo.environment
        guard let path = env["PAAS_STORE_WORKER_DB"], let writer = env["PAAS_STORE_WORKER_ID"].flatMap(Int.init),
            let rounds = env["PAAS_STORE_WORKER_ROUNDS"].flatMap(Int.init)
        else { throw XCTSkip("runs only as a worker process of testTwentyProcessesOnOneFile") }
        try concurrentWriterWork(path: path, writer: writer, rounds: rounds)
    }
}

/// Error messages collected from several threads.
final class Failures: @unchecked Sendable {
    // @unchecked: every access to `messages` holds `lock`.
    private let lock = NSLock()
    private var messages: [String] = []
    func append(_ message: String) { lock.withLock { messages.append(message) } }
    var all: [String] { lock.withLock { messages } }
}
