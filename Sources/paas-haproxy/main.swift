import Foundation
import PaasPluginKit
import PaasSupport

// paas-haproxy: the haproxy proxy plugin's executable (plugins/haproxy/bin/haproxy-proxy runs it).
// `paas-haproxy setup` writes HAProxy's base files before it first starts.
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
let plugin = HAProxyPlugin(root: root, runner: runner)
Plugin.run { plugin.handle($0) }
