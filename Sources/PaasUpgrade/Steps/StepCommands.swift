import Foundation
import PaasDeploy
import PaasSupport

/// Runs the commands of the steps: the installed binaries, with the upgrade's pass through its
/// own gate. Every command and all it prints go to the upgrade's log; a failure throws
/// `StepFailure` with the command and the end of its output.
struct StepCommands {
    let root: StateRoot
    let id: String
    let binDirectory: String
    let timeout: Duration
    let runner: any ProcessRunner
    let log: @Sendable (String) -> Void

    /// Runs `binDirectory/program arguments`; returns its stdout.
    @discardableResult
    func run(_ program: String, _ arguments: [String]) throws -> String {
        let executable = binDirectory + "/" + program
        let shown = ([program] + arguments).map(Self.quote).joined(separator: " ")
        log("$ " + shown)
        var environment = ProcessInfo.processInfo.environment
        environment["PAAS_ROOT"] = root.path
        environment[UpgradeGate.passVariable] = id
        let result: ProcessResult
        do {
            result = try runner.run(
                ProcessSpec(
                    executable: executable, arguments: arguments, environment: environment,
                    stdout: .capture(limit: 256 * 1024), stderr: .capture(limit: 256 * 1024), timeout: timeout))
        } catch {
            log("  \(error)")
            throw StepFailure(command: shown, output: "\(error)")
        }
        let output = (result.stderrText + result.stdoutText).trimmingCharacters(in: .whitespacesAndNewlines)
        if !output.isEmpty { log(output.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")) }
        guard result.succeeded else {
            let tail = output.split(separator: "\n").suffix(20).joined(separator: "\n")
            throw StepFailure(command: shown, output: tail.isEmpty ? Self.describe(result.status) : tail)
        }
        return result.stdoutText
    }

    static func describe(_ status: ProcessResult.Status) -> String {
        switch status {
        case .exited(let code): return "exited with status \(code)"
        case .signaled(let signal): return "killed by signal \(signal)"
        case .timedOut: return "timed out"
        case .cancelled: return "interrupted"
        }
    }

    static func quote(_ word: String) -> String {
        word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./:=@".contains($0) }) && !word.isEmpty
            ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
