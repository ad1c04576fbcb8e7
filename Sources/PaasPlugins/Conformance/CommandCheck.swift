import Foundation
import PaasPluginKit
import PaasSupport

/// The conformance runs of one command a plugin declares: it gets `APP` as its argument, the
/// request in `PAAS_REQUEST` and a closed stdin, and must end in time without a signal; unknown
/// request fields must not change its exit status.
struct CommandCheck {
    let runner: PluginRunner
    let command: String
    let handler: PluginIndex.Handler

    func run(into report: inout ConformanceReport) {
        let request = PluginRequest(
            kind: .command, name: command, app: ConformanceRequests.app, args: [ConformanceRequests.app],
            paasVersion: runner.paasVersion)
        let valid = check(request, environment: [:], label: "valid", into: &report)
        let unknown = check(
            request,
            environment: [
                PluginProtocol.Environment.request: text(try? ConformanceRequests.withUnknownFields(request))
            ],
            label: "unknown fields", into: &report)
        if let valid, let unknown, valid != unknown {
            report.violations.append(
                Violation(
                    .unknownFields, target: command, request: "unknown fields",
                    detail: "exit status \(valid) became \(unknown); unknown fields must be ignored"))
        }
        _ = check(
            request,
            environment: [PluginProtocol.Environment.request: text(try? ConformanceRequests.truncated(request))],
            label: "malformed JSON", into: &report)
    }

    /// One run; returns its exit status when it ended by itself.
    private func check(
        _ request: PluginRequest, environment: [String: String], label: String, into report: inout ConformanceReport
    ) -> Int32? {
        func violation(_ kind: Violation.Kind, _ detail: String) {
            report.violations.append(Violation(kind, target: command, request: label, detail: detail))
        }
        report.runs += 1
        let run: PluginRunner.TriggerRun
        do {
            run = try runner.execute(handler, request: request, stdin: .bytes([]), extraEnvironment: environment)
        } catch {
            violation(.notRunnable, (error as? RunFailure)?.message ?? "\(error)")
            return nil
        }
        switch run.result.status {
        case .timedOut:
            violation(.hang, "still running after \(PluginRunner.seconds(handler.timeout ?? 0)) s (killed)")
        case .signaled(let signal):
            violation(.crash, "killed by signal \(signal)" + (run.lastStderrLine.map { ": \($0)" } ?? ""))
        case .exited(let code) where code > 125:
            violation(.exitStatus, "exited \(code) (126 and up mean it could not run or was killed)")
        case .exited(let code):
            return code
        case .cancelled:
            break
        }
        return nil
    }

    private func text(_ bytes: [UInt8]?) -> String {
        String(decoding: bytes ?? [], as: UTF8.self).trimmingCharacters(in: .newlines)
    }
}
