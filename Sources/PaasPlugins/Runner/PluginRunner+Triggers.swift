import Foundation
import PaasPluginKit
import PaasSupport

extension PluginRunner {
    /// Runs, in order, the plugins that declare `trigger`, sending `payload`, and says whether
    /// the core goes on and with which amendments.
    ///
    /// Each plugin gets one JSON request on stdin and answers on stdout. A plugin that stops, or
    /// fails (times out, crashes, answers with something that is not a valid reply), stops the
    /// chain on a trigger that can stop; on one that cannot, it becomes a warning and the chain
    /// goes on. Enabled plugins whose manifest is broken are skipped, each with a warning.
    public func fire<P, C>(_ trigger: Trigger<P, C>, app: String?, payload: P) -> TriggerOutcome<C> {
        // Encoded only when some plugin declares the trigger: most fires have none.
        fire(trigger, app: app) { encode(trigger, app: app, payload: payload) }
    }

    /// The request of `trigger` for `app` with `payload`, made and encoded now, for a `fire` to
    /// come: a rollout prepares its switch while the new containers are checked, so that at the
    /// switch only the writing is left.
    public func prepare<P, C>(_ trigger: Trigger<P, C>, app: String?, payload: P) -> PreparedTrigger<P, C> {
        PreparedTrigger(trigger: trigger, app: app, encoded: encode(trigger, app: app, payload: payload))
    }

    /// Fires a prepared request, as `fire(_:app:payload:)` does.
    public func fire<P, C>(_ prepared: PreparedTrigger<P, C>) -> TriggerOutcome<C> {
        fire(prepared.trigger, app: prepared.app) { prepared.encoded }
    }

    private func encode<P, C>(_ trigger: Trigger<P, C>, app: String?, payload: P)
        -> Result<PreparedTrigger<P, C>.Encoded, PreparedTrigger<P, C>.Problem>
    {
        do {
            let request = try PluginRequest(trigger: trigger, app: app, payload: payload, paasVersion: paasVersion)
            return .success(.init(request: request, bytes: try Self.encode(request)))
        } catch {
            return .failure(.init(description: "\(error)"))
        }
    }

    private func fire<P, C>(
        _ trigger: Trigger<P, C>, app: String?,
        encoded: () -> Result<PreparedTrigger<P, C>.Encoded, PreparedTrigger<P, C>.Problem>
    ) -> TriggerOutcome<C> {
        let index = registry.index()
        var outcome = TriggerOutcome<C>(
            stop: nil, changes: C(PluginChanges()), warnings: index.problems.map { "skipped: \($0)" }, ran: [])
        let handlers = index.handlers(for: trigger.name)
        guard !handlers.isEmpty else { return outcome }
        let request: PluginRequest
        let bytes: [UInt8]
        switch encoded() {
        case .success(let encoded): (request, bytes) = (encoded.request, encoded.bytes)
        case .failure(let problem):
            outcome.stop = TriggerStop(
                plugin: "-", message: "cannot encode the \(trigger.name) payload: \(problem)", failed: true)
            return outcome
        }
        var merged = PluginChanges()
        for handler in handlers {
            outcome.ran.append(handler.plugin)
            let reply: PluginReply
            do {
                let run = try prestarted.take(handler, trigger: trigger.name, app: app)?.finish(with: bytes)
                reply = try interpret(run ?? execute(handler, request: request, stdin: .bytes(bytes)), handler)
            } catch let failure as RunFailure {
                if trigger.canStop {
                    outcome.stop = TriggerStop(plugin: handler.plugin, message: failure.message, failed: true)
                    return outcome
                }
                outcome.warnings.append("plugin '\(handler.plugin)' failed on \(trigger.name): \(failure.message)")
                continue
            } catch {
                outcome.warnings.append("plugin '\(handler.plugin)': \(error)")
                continue
            }
            if reply.action == .stop {
                let message = reply.message ?? "stopped \(trigger.name) (no message)"
                if trigger.canStop {
                    outcome.stop = TriggerStop(plugin: handler.plugin, message: message)
                    return outcome
                }
                outcome.warnings.append(
                    "plugin '\(handler.plugin)' asked to stop \(trigger.name), which cannot stop: \(message)")
                continue
            }
            if let message = reply.message { outcome.warnings.append("plugin '\(handler.plugin)': \(message)") }
            if let changes = reply.changes, !changes.isEmpty {
                let ignored = Self.ignored(changes, honoured: Set(trigger.amends))
                merged = merged.merged(with: changes)
                if !ignored.isEmpty {
                    outcome.warnings.append(
                        "plugin '\(handler.plugin)': \(trigger.name) ignores \(ignored.joined(separator: ", ")) in a reply"
                    )
                }
            }
        }
        outcome.changes = C(merged)
        return outcome
    }

    /// What a finished trigger run came to: its reply, or a `RunFailure` saying what was wrong.
    func interpret(_ run: TriggerRun, _ handler: PluginIndex.Handler) throws -> PluginReply {
        let result = run.result
        if result.truncated {
            throw RunFailure(message: "reply too large (over \(replyLimit / 1024) KiB on stdout)")
        }
        let text = result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        let parsed: Result<PluginReply, ReplyError>? =
            text.isEmpty
            ? nil
            : Result { () throws(ReplyError) in
                try PluginReply.parse(Array(text.utf8))
            }
        switch result.status {
        case .exited(0):
            switch parsed {
            case nil: return .continue
            case .success(let reply): return reply
            case .failure(let error): throw RunFailure(message: error.description)
            }
        case .exited(let code):
            let message = (try? parsed?.get())?.message
            throw RunFailure(message: message ?? run.lastStderrLine ?? "exited with status \(code)")
        case .signaled(let signal):
            throw RunFailure(message: "killed by signal \(signal)")
        case .timedOut:
            throw RunFailure(message: "timed out after \(Self.seconds(handler.timeout ?? 0)) s and was killed")
        case .cancelled:
            throw RunFailure(message: "interrupted")
        }
    }

    /// The reply fields of `changes` a trigger honouring `honoured` ignores, and reserved labels.
    static func ignored(_ changes: PluginChanges, honoured: Set<Amendment>) -> [String] {
        var ignored: [String] = []
        let present: [(Amendment, Bool)] = [
            (.env, !changes.env.isEmpty), (.labels, !changes.labels.isEmpty), (.mounts, !changes.mounts.isEmpty),
            (.buildArgs, !changes.buildArgs.isEmpty), (.checks, !changes.checks.isEmpty),
        ]
        for (field, isSet) in present where isSet && !honoured.contains(field) { ignored.append(field.rawValue) }
        if honoured.contains(.labels), changes.labels.keys.contains(where: { $0.hasPrefix("paas.") }) {
            ignored.append("labels starting with paas.")
        }
        return ignored
    }

    /// The JSON text of `request`, keys sorted, ending with a newline.
    static func encode(_ request: PluginRequest) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(request)) + [0x0A]
    }
}

/// A trigger run that did not come to a reply, and why (one line).
struct RunFailure: Error { let message: String }

/// A trigger's request made and encoded ahead of its firing (`PluginRunner.prepare`).
public struct PreparedTrigger<P: TriggerPayload, C: TriggerChanges>: Sendable {
    /// The request and its bytes on stdin.
    struct Encoded: Sendable {
        let request: PluginRequest
        let bytes: [UInt8]
    }

    /// Why the payload could not be encoded.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The trigger.
    public let trigger: Trigger<P, C>
    /// The app it is for.
    public let app: String?
    let encoded: Result<Encoded, Problem>
}
