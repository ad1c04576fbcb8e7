import ArgumentParser
import Foundation
import PaasDeploy

struct AppsList: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "apps:list", abstract: "List apps.")
    static let group = CommandGroup.apps

    @OptionGroup var output: FormatOption

    func run(_ ctx: CommandContext) throws {
        let store = try ctx.platform.store
        let apps = try store.apps()
        switch output.format {
        case .json:
            let rows = try apps.map { app -> [String: String] in
                var row = ["name": app.name]
                row["release"] = try store.liveRelease(app.name).map { "v\($0.version)" } ?? ""
                return row
            }
            try ctx.out.json(rows)
        case .text:
            ctx.out.line("=====> Apps")
            for app in apps { ctx.out.line(app.name) }
        }
    }
}
