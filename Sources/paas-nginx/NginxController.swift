import Foundation
import PaasSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Changes one app's file in the proxy folder, checks the whole configuration, and reloads
/// nginx, returning only once the reload is in force and the old workers are gone.
struct NginxController {
    /// The folder the host's nginx includes (`$PAAS_ROOT/proxy`).
    let directory: String
    let settings: NginxSettings
    let runner: any ProcessRunner

    /// The file holding `app`'s configuration.
    func file(for app: String) -> String { directory + "/" + app + ".conf" }

    /// Makes `text` `app`'s configuration. Does nothing when it already is; when `nginx -t`
    /// rejects it, puts the previous file back and throws nginx's message.
    /// - Returns: whether anything changed.
    @discardableResult
    func apply(app: String, text: String) throws -> Bool {
        let path = file(for: app)
        let previous = FileManager.default.contents(atPath: path)
        if previous == Data(text.utf8) { return false }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try AtomicFile.write(text, to: path, mode: 0o644)
        } catch {
            throw NginxPluginError.file("\(error)")
        }
        do {
            try run(settings.test, what: "nginx -t")
        } catch {
            if let previous { try? AtomicFile.write(previous, to: path, mode: 0o644) } else { unlink(path) }
            throw error
        }
        try reloadAndDrain()
        return true
    }

    /// Deletes `app`'s configuration and reloads; does nothing when there is none.
    /// - Returns: whether anything changed.
    @discardableResult
    func remove(app: String) throws -> Bool {
        let path = file(for: app)
        guard FileManager.default.fileExists(atPath: path) else { return false }
        guard unlink(path) == 0 else { throw NginxPluginError.file("\(FileError(path: path, operation: "delete"))") }
        try reloadAndDrain()
        return true
    }

    /// Checks the whole configuration (`nginx -t`); throws nginx's message when it is invalid.
    func check() throws {
        try run(settings.test, what: "nginx -t")
    }

    private func reloadAndDrain() throws {
        let before = NginxWorkers.current(pidFile: settings.pidFile)
        try run(settings.reload, what: "nginx -s reload")
        NginxWorkers.waitForReload(after: before, pidFile: settings.pidFile)
    }

    private func run(_ command: [String], what: String) throws {
        let argv = settings.argv(command)
        let result: ProcessResult
        do {
            result = try runner.run(
                ProcessSpec(
                    executable: argv[0], arguments: Array(argv.dropFirst()), stdout: .capture(limit: 64 * 1024),
                    stderr: .capture(limit: 64 * 1024), timeout: .seconds(30)))
        } catch {
            throw NginxPluginError.nginx(what: what, detail: "\(error)")
        }
        guard result.succeeded else {
            throw NginxPluginError.nginx(what: what, detail: Self.reason(result))
        }
    }

    /// nginx's most telling line: the first `[emerg]`/`[alert]`/`[error]` one, else the last.
    static func reason(_ result: ProcessResult) -> String {
        let lines = (result.stderrText + "\n" + result.stdoutText).split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let telling = lines.first { $0.contains("[emerg]") || $0.contains("[alert]") || $0.contains("[error]") }
        if let line = telling ?? lines.last { return line }
        switch result.status {
        case .exited(let code): return "exited with status \(code)"
        case .signaled(let signal): return "killed by signal \(signal)"
        case .timedOut: return "timed out after 30 s"
        case .cancelled: return "interrupted"
        }
    }
}
