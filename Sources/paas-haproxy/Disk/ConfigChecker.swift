import PaasSupport

/// Runs `haproxy -c` on the files HAProxy starts from, so that a broken file is reported with
/// HAProxy's own message instead of a reload that silently keeps the old worker.
struct ConfigChecker {
    let settings: HAProxySettings
    let files: HAProxyFiles
    let runner: any ProcessRunner

    func check() throws {
        let result: ProcessResult
        do {
            result = try runner.run(
                ProcessSpec(
                    executable: settings.executable, arguments: ["-c", "-q", "-f", files.baseConfig, "-f", files.appsDirectory],
                    stdout: .capture(limit: 64 * 1024), stderr: .capture(limit: 64 * 1024), timeout: .seconds(30)))
        } catch {
            throw HAProxyPluginError.reload("\(settings.executable) -c: \(error)")
        }
        guard result.succeeded else {
            let lines = (result.stderrText + "\n" + result.stdoutText).split(separator: "\n").map(String.init)
            let telling = lines.first { $0.contains("[ALERT]") } ?? lines.last ?? "haproxy -c failed"
            throw HAProxyPluginError.reload("the configuration does not pass haproxy -c: \(telling)")
        }
    }
}
