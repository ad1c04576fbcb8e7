import ArgumentParser
import PaasDeploy

/// `releases:set APP keep N`: how many recent releases keep their images for `rollback`.
struct ReleasesSet: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "releases:set", abstract: "Set how many recent releases keep their image: keep N (default 10).")
    static let group = CommandGroup.releases

    @Argument(help: "The app.") var app: String
    @Argument(help: "keep.") var key: String
    @Argument(help: "A whole number, 1 or more; empty resets to the default.") var value: String

    func run(_ ctx: CommandContext) throws {
        let store = try ctx.platform.store
        _ = try store.requireApp(app)
        guard key == "keep" else { throw ValidationError("unknown releases setting '\(key)': expected keep") }
        if value.isEmpty {
            try store.setSetting(app, "keep-releases", nil)
        } else {
            guard let n = Int(value), n >= 1, n <= 1000 else {
                throw ValidationError("keep must be a whole number from 1 to 1000, got '\(value)'")
            }
            try store.setSetting(app, "keep-releases", String(n))
        }
        ctx.err.line("-----> \(app) keeps the images of its last \(value.isEmpty ? "10" : value) releases")
    }
}
