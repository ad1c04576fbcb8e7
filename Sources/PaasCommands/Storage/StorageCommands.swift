import ArgumentParser
import PaasDeploy
import PaasStore

struct StorageEnsureDirectory: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage:ensure-directory",
        abstract: "Create a persistent storage folder under the state root's storage folder.")
    static let group = CommandGroup.apps
    static let access = AccessClass.admin
    @Argument(help: "The folder's name (lowercase letters, digits, '-', '_', '.').") var name: String

    func run(_ ctx: CommandContext) throws {
        let path = try Storage(root: ctx.root).ensureDirectory(name)
        ctx.err.line("-----> storage \(name) is at \(path)")
    }
}

struct StorageMountCommand: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage:mount",
        abstract: "Mount a storage folder into an app's containers (from the next deploy or restart; not builds).")
    static let group = CommandGroup.apps
    static let access = AccessClass.manage
    var targetApp: String? { app }
    @Argument(help: "The app.") var app: String
    @Argument(help: "NAME:/container/path, NAME from storage:ensure-directory.") var mount: String

    func run(_ ctx: CommandContext) throws {
        let parsed = try StorageMount(parsing: mount)
        try Storage(root: ctx.root).mount(parsed, app: app, store: try ctx.platform.store)
        ctx.err.line("-----> \(app): \(parsed) mounted (applies on the next deploy or ps:restart)")
    }
}

struct StorageUnmount: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage:unmount", abstract: "Stop mounting a storage folder into an app's containers.")
    static let group = CommandGroup.apps
    static let access = AccessClass.manage
    var targetApp: String? { app }
    @Argument(help: "The app.") var app: String
    @Argument(help: "NAME:/container/path as storage:report shows it.") var mount: String

    func run(_ ctx: CommandContext) throws {
        let parsed = try StorageMount(parsing: mount)
        try Storage(root: ctx.root).unmount(parsed, app: app, store: try ctx.platform.store)
        ctx.err.line("-----> \(app): \(parsed) unmounted (applies on the next deploy or ps:restart; the folder stays)")
    }
}

struct StorageReport: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage:report", abstract: "Show the storage folders mounted into an app's containers.")
    static let group = CommandGroup.apps
    static let access = AccessClass.read
    var targetApp: String? { app }
    @OptionGroup var output: FormatOption
    @Argument(help: "The app.") var app: String

    func run(_ ctx: CommandContext) throws {
        let store = try ctx.platform.store
        _ = try store.requireApp(app)
        let storage = Storage(root: ctx.root)
        let mounts = try storage.mounts(app: app, store: store)
        switch output.format {
        case .json:
            try ctx.out.json(
                mounts.map { ["name": $0.name, "path": $0.containerPath, "host": storage.directory($0.name)] })
        case .text:
            ctx.out.report(
                "\(app) storage",
                mounts.map { (key: $0.name, value: "\(storage.directory($0.name)) -> \($0.containerPath)") })
        }
    }
}
