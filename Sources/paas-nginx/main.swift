import PaasPluginKit
import PaasSupport

// paas-nginx: the nginx proxy plugin's executable (plugins/nginx/bin/nginx-proxy runs it).
let plugin = NginxPlugin(root: StateRoot.fromEnvironment(), runner: PosixProcessRunner(cancellation: nil))
Plugin.run { try plugin.handle($0) }
