import Foundation
import PaasPluginKit
import PaasSupport

/// The conformance runs of one trigger a plugin declares.
struct TriggerCheck {
    let runner: PluginRunner
    let trigger: any AnyTrigger
    let handler: PluginIndex.Handler

    /// What a run came to, comparable across runs.
    private struct Outcome: Equatable {
        var status: ProcessResult.Status
        var action: PluginReply.Action?
        var changes: PluginChanges?
    }

    func run(into report: inout ConformanceReport) {
        let requests: [PluginRequest]
        do {
            requests = try ConformanceRequests.valid(trigger, paasVersion: runner.paasVersion)
        } catch {
            report.violations.append(Violation(.manifest, target: trigger.name, request: "valid", detail: "\(error)"))
            return
        }
        var first: Outcome?
        for (index, request) in requests.enumerated() {
            let label = requests.count == 1 ? "valid" : "valid #\(index + 1)"
            let outcome = check(
                request, stdin: try? ConformanceRequests.encode(request), label: label, strict: true, into: &report)
            if index == 0 { first = outcome }
        }
        guard let request = requests.first else { return }
        let unknown = check(
            request, stdin: try? ConformanceRequests.withUnknownFields(request), label: "unknown fields", strict: true,
            into: &report)
        if let first, let unknown, first != unknown {
            report.violations.append(
                Violation(
                    .unknownFields, target: trigger.name, request: "unknown fields",
                    detail:
                        "the outcome changed (\(describe(first)) → \(describe(unknown))); unknown fields must be ignored"
                ))
        }
        _ = check(
            request, stdin: try? ConformanceRequests.truncated(request), label: "malformed JSON", strict: false,
            into: &report)
        _ = check(
            request, stdin: try? ConformanceRequests.withWrongTypes(request), label: "wrong field types", strict: false,
            into: &report)
        _ = check(request, stdin: [], label: "closed stdin", strict: false, into: &report)
        if handler.prestart { checkUnusedPrestart(request, into: &report) }
    }

    /// A handler started ahead whose request never comes (the deploy stopped first) sees its
    /// stdin end with `PAAS_PRESTARTED=1`: it must exit 0 and reply nothing.
    private func checkUnusedPrestart(_ request: PluginRequest, into report: inout ConformanceReport) {
        report.runs += 1
        let label = "started ahead, no request"
        guard
            let run = try? runner.execute(
                handler, request: request, stdin: .bytes([]),
                extraEnvironment: [PluginProtocol.Environment.prestarted: "1"])
        else {
            report.violations.append(Violation(.notRunnable, target: trigger.name, request: label, detail: "could not start"))
            return
        }
        let stdout = run.result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard run.result.status != .exited(0) || !stdout.isEmpty else { return }
        let did = run.result.status == .exited(0) ? "replied \(stdout.prefix(80))" : "ended with \(run.result.status)"
        report.violations.append(
            Violation(.prestart, target: trigger.name, request: label, detail: "must exit 0 and reply nothing; it \(did)"))
    }

    /// One run. `strict` runs carry a valid request: the plugin must exit 0 with a valid reply
    /// that the trigger allows. Other runs only must end in time with empty or valid stdout.
    private func check(
        _ request: PluginRequest, stdin: [UInt8]?, label: String, strict: Bool, into report: inout ConformanceReport
    ) -> Outcome? {
        func violation(_ kind: Violation.Kind, _ detail: String) {
            report.violations.append(Violation(kind, target: trigger.name, request: label, detail: detail))
        }
        report.runs += 1
        let run: PluginRunner.TriggerRun
        do {
            run = try runner.execute(handler, request: request, stdin: .bytes(stdin ?? []))
        } catch {
            violation(.notRunnable, (error as? RunFailure)?.message ?? "\(error)")
            return nil
        }
        let result = run.result
        switch result.status {
        case .timedOut:
            violation(
                .hang, "still running after its timeout of \(PluginRunner.seconds(handler.timeout ?? 0)) s (killed)")
            return nil
        case .signaled(let signal):
            violation(.crash, "killed by signal \(signal)" + stderrNote(run))
            return nil
        case .cancelled:
            return nil
        case .exited(let code):
            if code > 125 {
                violation(
                    .exitStatus, "exited \(code) (126 and up mean it could not run or was killed)" + stderrNote(run))
            } else if strict && code != 0 && trigger.canStop {
                // A trigger that can stop is refused with a stop reply; a non-zero exit is for
                // reporting a failure on triggers that cannot stop.
                violation(
                    .exitStatus,
                    "exited \(code) on a valid request (reply {\"action\":\"stop\",...} and exit 0 to refuse)"
                        + stderrNote(run))
            }
        }
        if result.truncated {
            violation(.outputTooLarge, "wrote more than \(runner.replyLimit / 1024) KiB to stdout")
            return nil
        }
        let text = result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        var outcome = Outcome(status: result.status, action: nil, changes: nil)
        if !text.isEmpty {
            do throws(ReplyError) {
                let reply = try PluginReply.parse(Array(text.utf8))
                outcome.action = reply.action
                outcome.changes = reply.changes
                if strict { checkAllowed(reply, violation) }
            } catch {
                switch error {
                case .badField(let problem) where problem.path == "action":
                    violation(.unknownAction, problem.description)
                case .badField(let problem): violation(.badField, problem.description)
                case .notJSON, .notObject: violation(.invalidReply, error.description)
                }
            }
        }
        return outcome
    }

    /// What a valid reply may not do on this trigger.
    private func checkAllowed(_ reply: PluginReply, _ violation: (Violation.Kind, String) -> Void) {
        if reply.action == .stop {
            if !trigger.canStop {
                violation(.stopOnNotify, "\(trigger.name) cannot stop (exit non-zero to report a failure of your own)")
            }
            if (reply.message ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                violation(.stopWithoutMessage, "a stop must tell the user why in `message`")
            }
        }
        guard let changes = reply.changes else { return }
        let ignored = PluginRunner.ignored(changes, honoured: Set(trigger.amends))
        for field in ignored where field.hasPrefix("labels starting") {
            violation(.reservedLabel, "label keys starting with paas. are reserved")
        }
        let honoured = trigger.amends.isEmpty ? "none" : trigger.amends.map(\.rawValue).joined(separator: ", ")
        for field in ignored where !field.hasPrefix("labels starting") {
            violation(
                .amendmentNotHonoured, "changes.\(field) is not honoured by \(trigger.name) (it honours \(honoured))")
        }
    }

    private func describe(_ outcome: Outcome) -> String {
        var text: String
        switch outcome.status {
        case .exited(let code): text = "exit \(code)"
        case .signaled(let signal): text = "signal \(signal)"
        case .timedOut: text = "timed out"
        case .cancelled: text = "interrupted"
        }
        if let action = outcome.action { text += ", \(action.rawValue)" }
        if let changes = outcome.changes, !changes.isEmpty { text += ", with changes" }
        return text
    }

    private func stderrNote(_ run: PluginRunner.TriggerRun) -> String {
        run.lastStderrLine.map { ": \($0)" } ?? ""
    }
}
