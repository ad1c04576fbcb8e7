import AppSpec
import ArgumentParser
import PaasDeploy
import PaasPluginKit
import PaasStore

/// Applies a domain change under the app's lock and re-points the proxy; then fires
/// `domains-changed` (with the lock released, so that a plugin may run paas commands).
private func changeDomains(_ ctx: CommandContext, app: String, _ change: (Store) throws -> Void) throws {
    let platform = try ctx.platform
    let store = try platform.store
    _ = try store.requireApp(app)
    let before = try { () throws -> [String] in
        let lock = try Deployer(platform: platform).acquireLock(app: app, why: "a domains change by \(platform.user)")
        defer { lock.release() }
        let before = try store.domains(app)
        try change(store)
        do {
            if try store.liveRelease(app) != nil { try Reconciler(platform: platform).reconcile(app: app) }
        } catch {
            try store.setDomains(app, before)
            throw error
        }
        return before
    }()
    let after = try store.domains(app)
    guard after != before else { return }
    platform.notify(
        .domainsChanged, app: app,
        payload: DomainsChanged(
            domains: try Domains.all(app: app, platform: platform), added: after.filter { !before.contains($0) },
            removed: before.filter { !after.contains($0) }))
}

struct DomainsAdd: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "domains:add", abstract: "Route more domains to an app.")
    static let group = CommandGroup.domains
    @Argument(help: "The app.") var app: String
    @Argument(help: "Domains.") var domains: [String]

    func run(_ ctx: CommandContext) throws {
        guard !domains.isEmpty else { throw ValidationError("domains:add needs at least one domain") }
        let valid = try domains.map(DomainName.validate)
        try changeDomains(ctx, app: app) { try $0.addDomains(app, valid) }
        ctx.err.line("-----> Added \(valid.joined(separator: " ")) to \(app)")
    }
}

struct DomainsRemove: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "domains:remove", abstract: "Stop routing domains to an app.")
    static let group = CommandGroup.domains
    @Argument(help: "The app.") var app: String
    @Argument(help: "Domains.") var domains: [String]

    func run(_ ctx: CommandContext) throws {
        guard !domains.isEmpty else { throw ValidationError("domains:remove needs at least one domain") }
        let valid = try domains.map(DomainName.validate)
        try Domains.checkRemovable(valid, app: app, platform: try ctx.platform)
        try changeDomains(ctx, app: app) { try $0.removeDomains(app, valid) }
        ctx.err.line("-----> Removed \(valid.joined(separator: " ")) from \(app)")
    }
}

struct DomainsSet: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "domains:set", abstract: "Replace an app's added domains.")
    static let group = CommandGroup.domains
    @Argument(help: "The app.") var app: String
    @Argument(help: "Domains.") var domains: [String]

    func run(_ ctx: CommandContext) throws {
        guard !domains.isEmpty else { throw ValidationError("domains:set needs at least one domain (domains:clear removes all)") }
        let valid = try domains.map(DomainName.validate)
        try changeDomains(ctx, app: app) { try $0.setDomains(app, valid) }
        ctx.err.line("-----> \(app) domains: \(valid.joined(separator: " "))")
    }
}

struct DomainsClear: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "domains:clear", abstract: "Remove every added domain (the default APP.DOMAIN stays).")
    static let group = CommandGroup.domains
    @Argument(help: "The app.") var app: String

    func run(_ ctx: CommandContext) throws {
        try changeDomains(ctx, app: app) { try $0.setDomains(app, []) }
        ctx.err.line("-----> Cleared the domains of \(app)")
    }
}

struct DomainsReport: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "domains:report", abstract: "Show the domains of an app.")
    static let group = CommandGroup.domains
    @OptionGroup var output: FormatOption
    @Argument(help: "The app.") var app: String

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        _ = try platform.store.requireApp(app)
        let all = try Domains.all(app: app, platform: platform)
        switch output.format {
        case .json: try ctx.out.json(["app": app, "default": all[0], "domains": all.joined(separator: " ")])
        case .text:
            ctx.out.line("=====> \(app) domains")
            for d in all { ctx.out.line(d) }
        }
    }
}
