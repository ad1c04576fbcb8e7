import ArgumentParser
import Foundation
import PaasDeploy
import PaasStore
import PaasSupport
import PaasUpgrade

/// `upgrade:run ID`: the helper container's command (not for people).
struct UpgradeRunCommand: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade:run", abstract: "Run an upgrade's steps (the helper container runs this).",
        shouldDisplay: false)
    static let group = CommandGroup.upgrade
    static let access = AccessClass.root

    @Argument(help: "The upgrade id.") var id: String

    func run(_ ctx: CommandContext) throws {
        try refuseOverSSH(ctx)
        let status = try UpgradeRunner.run(root: ctx.root, id: id, echo: ctx.err)
        guard status.state == .succeeded else { throw ExitCodeError(code: 1, message: status.summary) }
    }
}

/// `upgrade:migrate [--sql DIR]`: step 4, run by the new binary: its own migrations (by opening
/// the database), then the bundle's SQL migrations.
struct UpgradeMigrateCommand: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade:migrate", abstract: "Migrate the database (step 4 of an upgrade).", shouldDisplay: false)
    static let group = CommandGroup.upgrade
    static let access = AccessClass.root

    @Option(name: .long, help: "A folder of .sql migrations to apply in name order.") var sql: String?

    func run(_ ctx: CommandContext) throws {
        try refuseOverSSH(ctx)
        let store = try ctx.platform.store
        let applied = try sql.map { try store.applySQLMigrations(from: $0) } ?? []
        ctx.out.line(
            "database at schema \(Store.schemaVersion)"
                + (applied.isEmpty ? "" : "; applied \(applied.joined(separator: ", "))"))
    }
}

/// `upgrade:verify --probe | --expect FILE`: how apps answer through the proxy (steps 1 and 6).
struct UpgradeVerifyCommand: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade:verify", abstract: "Check the proxy and every app (steps 1 and 6 of an upgrade).",
        shouldDisplay: false)
    static let group = CommandGroup.upgrade
    static let access = AccessClass.root

    @Flag(name: .long, help: "Print each app's answer as JSON.") var probe = false
    @Option(name: .long, help: "The answers from before: fail if an app that answered no longer does.") var expect:
        String?

    func run(_ ctx: CommandContext) throws {
        try refuseOverSSH(ctx)
        let platform = try ctx.platform
        let probes = AppProbes(platform: platform, port: try UpgradeSettings.load(ctx.root).proxyPort)
        if let expect {
            guard let data = FileManager.default.contents(atPath: expect),
                let before = try? JSONDecoder().decode([String: Int].self, from: data)
            else { throw ExitCodeError(code: 2, message: "cannot read the answers in \(expect)") }
            ctx.out.line(try probes.check(against: before))
        } else {
            try ctx.out.json(try probes.probe())
        }
    }
}

extension PaasCommand {
    /// The upgrade's internal commands run on the host, by the helper; never over ssh.
    func refuseOverSSH(_ ctx: CommandContext) throws {
        guard !ctx.viaSSH else {
            throw ExitCodeError(
                code: 1,
                message: "\(Self.configuration.commandName ?? "this") is run by paas upgrade's helper, not over ssh")
        }
    }
}
