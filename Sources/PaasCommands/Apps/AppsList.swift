import ArgumentParser
import Foundation
import PaasDeploy

struct AppsList: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "apps:list", abstract: "List apps with their status and live release.")
    static let group = CommandGroup.apps

    @OptionGroup var output: FormatOption

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        let store = try platform.store
        let apps = try store.apps()
        // One Docker call for every app's running processes.
        let running = try platform.docker.listContainers(all: false, labels: [Labels.role: Labels.Role.app.rawValue])
        let rows = try apps.map { app -> [String: String] in
            let live = try store.liveRelease(app.name)
            let count = running.filter { $0.labels[Labels.app] == app.name }.count
            let stopped = try AppSettings.value(Settings.psStopped, app: app.name, store: store)
            return [
                "name": app.name, "release": live.map { "v\($0.version)" } ?? "",
                "status": AppStatus.describe(live: live != nil, stopped: stopped, running: count),
                "running": String(count),
            ]
        }
        switch output.format {
        case .json:
            try ctx.out.json(rows)
        case .text:
            ctx.out.line("=====> Apps")
            for row in rows {
                ctx.out.line(
                    row["name"]!.padding(toLength: 24, withPad: " ", startingAt: 0)
                        + row["status"]!.padding(toLength: 14, withPad: " ", startingAt: 0) + (row["release"] ?? ""))
            }
        }
    }
}
