import Foundation
import PaasPluginKit
import PaasSupport

// paas-haproxy: the haproxy proxy plugin's executable (plugins/haproxy/bin/haproxy-proxy runs it).
// `paas-haproxy setup` writes HAProxy's base files before it first starts; `paas-haproxy ping`
// exits 0 when HAProxy's admin socket answers.
let root = StateRoot.fromEnvironment()
let runner = PosixProcessRunner(cancellation: nil)
if CommandLine.arguments.dropFirst().first == "setup" {
    do {
        let settings = try HAProxySettings.load(root: root)
        try HAProxySetup(settings: settings, runner: runner).run()
        print("HAProxy files written to \(settings.directory); start it with: \(settings.start)")
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("paas-haproxy setup: \(error)\n".utf8))
        exit(1)
    }
}
if CommandLine.arguments.dropFirst().first == "ping" {
    let settings = try? HAProxySettings.load(root: root)
    exit(settings.map { HAProxySocket(path: $0.socket, timeout: .seconds(2)).answers } == true ? 0 : 1)
}
let plugin = HAProxyPlugin(root: root, runner: runner)
Plugin.run(prepare: { plugin.prepare(app: ProcessInfo.processInfo.environment[PluginProtocol.Environment.app]) }) {
    try plugin.handle($0)
}
