import ArgumentParser
import DockerEngine
import PaasDeploy
import PaasPlugins

private func selection(_ ctx: CommandContext) throws -> ProxySelection {
    try ctx.root.prepare()
    return ProxySelection(registry: PluginRegistry(root: ctx.root, reserved: CommandTable.names))
}

struct ProxySet: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy:set", abstract: "Choose the proxy (haproxy or nginx) and point it at every app.")
    static let group = CommandGroup.proxy
    static let access = AccessClass.root
    @Argument(help: "The proxy plugin: haproxy or nginx.") var proxy: String

    func run(_ ctx: CommandContext) throws {
        if ctx.viaSSH {
            throw ExitCodeError(code: 1, message: "proxy:set changes the host's proxy: run it on the host as root (paas proxy:set \(proxy))")
        }
        try selection(ctx).select(proxy)
        ctx.err.line("-----> Proxy: \(proxy)")
        try PsReconcile(app: nil).run(ctx)
    }
}

struct ProxyReport: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy:report", abstract: "Show the proxy, and where an app's traffic goes.")
    static let group = CommandGroup.proxy
    static let access = AccessClass.read
    var targetApp: String? { app }
    @OptionGroup var output: FormatOption
    @Argument(help: "The app.") var app: String?

    func run(_ ctx: CommandContext) throws {
        let current = try selection(ctx).current()
        var rows: [(String, String)] = [("type", current.isEmpty ? "none" : current.joined(separator: ","))]
        if let app {
            let platform = try ctx.platform
            _ = try platform.store.requireApp(app)
            let certs = CertStore(root: ctx.root)
            // This host's web containers (not the swarm's tasks on it), and a swarm app's serving
            // tasks where their nodes publish them, as the proxy is told.
            let web = try platform.docker.listContainers(all: false, labels: [Labels.app: app, Labels.process: "web"])
            var upstreams = Upstreams.of(web.filter { !$0.isSwarmTask }).map { "\($0.host):\($0.port)" }
            if try SchedulerChoice.isSwarm(app: app, store: platform.store), try Cluster(platform: platform).managerAddress() != nil {
                upstreams += try SwarmRouter(platform: platform).upstreams(app: app, probe: false).map { "\($0.host):\($0.port)" }
            }
            rows += [
                ("domains", try Domains.all(app: app, platform: platform).joined(separator: " ")),
                ("upstreams", upstreams.sorted().joined(separator: " ")),
                ("certificates", certs.certificates(app: app).map(\.name).joined(separator: " ")),
                ("redirect-https", certs.redirectsHTTPS(app: app) ? "true" : "false"),
            ]
        }
        switch output.format {
        case .json: try ctx.out.json(Dictionary(uniqueKeysWithValues: rows))
        case .text: ctx.out.report(app.map { "\($0) proxy" } ?? "Proxy", rows.map { ($0.0, $0.1.isEmpty ? "none" : $0.1) })
        }
    }
}
