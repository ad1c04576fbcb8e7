import AppSpec
import ArgumentParser
import PaasDeploy
import PaasStore

struct SchedulerSet: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler:set",
        abstract: "Choose where an app runs (selected docker-local|docker-swarm) or a process type's placement.",
        discussion: "scheduler:set APP selected docker-swarm; scheduler:set APP placement web role=app,zone=b; "
            + "scheduler:set APP placement web (clears it). Takes effect on the next deploy (ps:rebuild APP).")
    static let group = CommandGroup.nodes
    static let access = AccessClass.manage
    var targetApp: String? { app }
    @Argument(help: "The app.") var app: String
    @Argument(help: "selected or placement.") var key: String
    @Argument(help: "docker-local or docker-swarm; for placement: PROCESS [LABEL=VALUE,...].") var values: [String] = []

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        let store = try platform.store
        _ = try store.requireApp(app)
        switch key {
        case "selected":
            guard values.count <= 1 else { throw SettingError.badValue(family: "scheduler", name: key, value: values.joined(separator: " "), expected: Settings.schedulerSelected.expected) }
            _ = try AppSettings.set(Settings.schedulerSelected.erased, to: values.first ?? "", app: app, store: store)
            let now = try AppSettings.value(Settings.schedulerSelected, app: app, store: store)
            ctx.err.line("-----> \(app) runs on \(now) from its next deploy (ps:rebuild \(app) moves it now)")
        case "placement":
            guard (1...2).contains(values.count), let process = values.first, Procfile.isValidName(process) else {
                throw ClusterError.badPlacement(values.joined(separator: " "))
            }
            try SchedulerChoice.setPlacement(app: app, process: process, labels: values.count == 2 ? values[1] : "", store: store)
            ctx.err.line("-----> \(app) \(process) runs on nodes with "
                + SchedulerChoice.constraints(try SchedulerChoice.placement(app: app, process: process, store: store)).joined(separator: ", ")
                + " from its next deploy")
        default:
            throw SettingError.unknownKey(family: "scheduler", key: key, known: ["selected", "placement"])
        }
    }
}

struct SchedulerReport: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler:report", abstract: "Show where an app runs and its placements.")
    static let group = CommandGroup.nodes
    static let access = AccessClass.read
    var targetApp: String? { app }
    @OptionGroup var output: FormatOption
    @Argument(help: "The app.") var app: String

    struct Report: Encodable {
        let app: String
        let selected: String
        let placement: [String: [String: String]]
        let services: [String]
    }

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        let store = try platform.store
        _ = try store.requireApp(app)
        let selected = try AppSettings.value(Settings.schedulerSelected, app: app, store: store)
        let services = try Cluster(platform: platform).managerAddress() == nil
            ? [] : try SwarmRollout(platform: platform, checks: CheckSettings()).services(app: app).map {
                "\($0.spec.name) replicas=\($0.spec.mode.replicas)"
            }.sorted()
        let report = Report(
            app: app, selected: selected, placement: try SchedulerChoice.placements(app: app, store: store), services: services)
        switch output.format {
        case .json: try ctx.out.json(report)
        case .text:
            ctx.out.line("=====> \(app) scheduler")
            ctx.out.line("       Selected:       \(selected)")
            let placement = report.placement.sorted { $0.key < $1.key }.map { process, labels in
                process + " " + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            }
            ctx.out.line("       Placement:      " + (placement.isEmpty ? "role=app for every type" : placement.joined(separator: "; ")))
            ctx.out.line("       Services:       " + (services.isEmpty ? "none" : services.joined(separator: ", ")))
        }
    }
}
