import ArgumentParser
import PaasDeploy
import PaasStore

extension AccessRole: ExpressibleByArgument {}

struct AclGrant: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "acl:grant",
        abstract: "Give a key a role on an app: read, deploy or admin (replaces its role there).")
    static let group = CommandGroup.access
    static let access = AccessClass.manage
    var targetApp: String? { app }

    @Argument(help: "The app.") var app: String
    @Argument(help: "The key's name (see ssh-keys:list).") var key: String
    @Argument(
        help:
            "read: read commands and logs; deploy: also push, config, ps, run, domains...; admin: everything on the app."
    )
    var role: AccessRole

    func run(_ ctx: CommandContext) throws {
        try ctx.platform.store.grant(app: app, key: try KeyName.validate(key), role: role)
        ctx.out.line("-----> \(key) has the \(role.rawValue) role on \(app)")
    }
}

struct AclRevoke: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "acl:revoke", abstract: "Take away a key's role on an app.")
    static let group = CommandGroup.access
    static let access = AccessClass.manage
    var targetApp: String? { app }

    @Argument(help: "The app.") var app: String
    @Argument(help: "The key's name.") var key: String

    func run(_ ctx: CommandContext) throws {
        try ctx.platform.store.revoke(app: app, key: try KeyName.validate(key))
        ctx.out.line("-----> \(key) has no role on \(app) any more")
    }
}

struct AclList: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "acl:list", abstract: "Who may do what on an app (every app, and the admin keys, without APP).")
    static let group = CommandGroup.access
    static let access = AccessClass.manage
    var targetApp: String? { app }

    @OptionGroup var output: FormatOption
    @Argument(help: "The app; every app when omitted.") var app: String?

    func run(_ ctx: CommandContext) throws {
        let store = try ctx.platform.store
        if let app { _ = try store.requireApp(app) }
        var rows = try store.grants(app: app).map { ["app": $0.app, "key": $0.key, "role": $0.role.rawValue] }
        if app == nil {
            rows =
                try store.keys().filter { $0.role == .admin }.map { ["app": "*", "key": $0.name, "role": "admin"] }
                + rows
        }
        switch output.format {
        case .json: try ctx.out.json(rows)
        case .text:
            ctx.out.line("=====> " + (app.map { "\($0) access" } ?? "Access (* is every app: host admin keys)"))
            for row in rows {
                ctx.out.line(
                    row["app"]!.padding(toLength: 24, withPad: " ", startingAt: 0)
                        + row["key"]!.padding(toLength: 24, withPad: " ", startingAt: 0) + row["role"]!)
            }
        }
    }
}
