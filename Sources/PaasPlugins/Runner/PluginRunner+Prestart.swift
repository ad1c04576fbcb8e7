import Foundation
import PaasPluginKit
import PaasSupport
import Synchronization

extension PluginRunner {
    /// Starts, ahead of their request, the handlers of `trigger` for `app` whose manifest allows
    /// it (`prestart`): the next `fire` of `trigger` for `app` writes its request to them instead
    /// of starting them then, so their start-up is off the critical path. A handler that cannot
    /// be started here is started by `fire` as usual (which reports why it cannot).
    public func prestart<P, C>(_ trigger: Trigger<P, C>, app: String?) {
        for handler in registry.index().handlers(for: trigger.name) where handler.prestart {
            guard (try? checkExecutable(handler)) != nil else { continue }
            Self.ignoreBrokenPipes
            let input = LateInput()
            let tail = OutputTail()
            let request = PluginRequest(kind: .trigger, name: trigger.name, app: app, args: [], paasVersion: paasVersion)
            let spec = triggerSpec(
                handler, request: request, stdin: .later(input), tail: tail,
                extraEnvironment: [PluginProtocol.Environment.prestarted: "1"])
            let process = Prestarted.Process(input: input, relative: relative(handler))
            prestarted.put(process, handler: handler, trigger: trigger.name, app: app)
            let runner = processRunner
            Thread.detachNewThread {
                let outcome = Result { TriggerRun(result: try runner.run(spec), lastStderrLine: tail.lastLine) }
                input.ended()
                process.done(outcome)
            }
        }
    }

    /// Kills the processes started ahead for `app` that got no request (the deploy stopped
    /// before its switch, or did not need it).
    public func discardPrestarted(app: String?) {
        prestarted.discard(app: app)
    }
}

/// The handler processes started ahead, by plugin, trigger and app.
final class Prestarted: Sendable {
    /// One handler process waiting for its request.
    final class Process: Sendable {
        let input: LateInput
        /// The executable, as failures name it.
        let relative: String
        private let outcome = Mutex<Result<PluginRunner.TriggerRun, any Error>?>(nil)
        private let finished = DispatchSemaphore(value: 0)

        init(input: LateInput, relative: String) {
            self.input = input
            self.relative = relative
        }

        func done(_ result: Result<PluginRunner.TriggerRun, any Error>) {
            outcome.withLock { $0 = result }
            finished.signal()
        }

        /// Writes the request and waits for the run to end. nil when the process was gone
        /// before it got the request (the caller starts the handler afresh).
        func finish(with request: [UInt8]) throws -> PluginRunner.TriggerRun? {
            guard input.deliver(request) else {
                input.abandon()
                return nil
            }
            finished.wait()
            finished.signal()
            switch outcome.withLock({ $0 }) {
            case .success(let run): return run
            case .failure(let error):
                throw RunFailure(message: "cannot start \(relative): \(PluginRunner.reason(error))")
            case nil: return nil
            }
        }
    }

    private let waiting = Mutex<[String: Process]>([:])

    private static func key(_ plugin: String, _ trigger: String, _ app: String?) -> String {
        [plugin, trigger, app ?? ""].joined(separator: "\u{0}")
    }

    func put(_ process: Process, handler: PluginIndex.Handler, trigger: String, app: String?) {
        let replaced = waiting.withLock { $0.updateValue(process, forKey: Self.key(handler.plugin, trigger, app)) }
        replaced?.input.abandon()
    }

    /// The process started ahead for `handler`, removed from the waiting ones.
    func take(_ handler: PluginIndex.Handler, trigger: String, app: String?) -> Process? {
        waiting.withLock { $0.removeValue(forKey: Self.key(handler.plugin, trigger, app)) }
    }

    func discard(app: String?) {
        let suffix = "\u{0}" + (app ?? "")
        let dropped = waiting.withLock { all -> [Process] in
            let keys = all.keys.filter { $0.hasSuffix(suffix) }
            return keys.compactMap { all.removeValue(forKey: $0) }
        }
        for process in dropped { process.input.abandon() }
    }
}
