import ArgumentParser
import Foundation
import PaasDeploy
import PaasStore

/// Parses `v7` or `7`.
func parseVersion(_ text: String) throws -> Int {
    let digits = text.hasPrefix("v") ? String(text.dropFirst()) : text
    guard let n = Int(digits), n > 0 else {
        throw ValidationError("'\(text)' is not a release; expected vN, like v7")
    }
    return n
}

struct ReleaseView: Encodable {
    let version: String
    let live: Bool
    let image: String?
    let commit: String?
    let tree: String?
    let buildDir: String?
    let description: String
    let createdBy: String
    let createdAt: Date
    let formation: [String: Int]
    let processes: [String: String]
    let configKeys: [String]
    /// Milliseconds by phase of the deploy that made the release.
    let timings: PhaseTimings?

    init(_ r: Release, live: Int?) {
        version = "v\(r.version)"
        self.live = r.version == live
        image = r.image
        commit = r.commit
        tree = r.tree
        buildDir = r.buildDir
        description = r.description
        createdBy = r.createdBy
        createdAt = r.createdAt
        formation = r.formation
        processes = r.processes
        configKeys = r.config.keys.sorted()
        timings = r.timings
    }
}

struct Releases: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "releases", abstract: "List an app's releases, newest first.")
    static let group = CommandGroup.releases

    @OptionGroup var output: FormatOption
    @Option(name: .shortAndLong, help: "Show at most this many.") var number: Int = 20
    @Flag(help: "Show how long each phase of each release's deploy took, one column per phase.") var timings = false
    @Argument(help: "The app.") var app: String

    func run(_ ctx: CommandContext) throws {
        let store = try ctx.platform.store
        _ = try store.requireApp(app)
        let live = try store.liveRelease(app)?.version
        let releases = try store.releases(app, limit: number)
        switch output.format {
        case .json: try ctx.out.json(releases.map { ReleaseView($0, live: live) })
        case .text where timings:
            ctx.out.line("=====> \(app) releases: phase timings")
            for row in TimingsTable.rows(releases, live: live) { ctx.out.line(row) }
        case .text:
            ctx.out.line("=====> \(app) releases")
            let formatter = ISO8601DateFormatter()
            for r in releases {
                let mark = r.version == live ? "*" : " "
                ctx.out.line(
                    "\(mark) v\(r.version)".padding(toLength: 8, withPad: " ", startingAt: 0)
                        + r.description.padding(toLength: 36, withPad: " ", startingAt: 0) + "  "
                        + r.createdBy + "  " + formatter.string(from: r.createdAt))
            }
        }
    }
}

struct ReleasesInfo: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "releases:info", abstract: "Show one release in full.")
    static let group = CommandGroup.releases

    @OptionGroup var output: FormatOption
    @Argument(help: "The app.") var app: String
    @Argument(help: "The release, like v7.") var release: String

    func run(_ ctx: CommandContext) throws {
        let version = try parseVersion(release)
        let store = try ctx.platform.store
        _ = try store.requireApp(app)
        guard let r = try store.release(app, version: version) else {
            throw DeployError.noSuchRelease(app: app, version: version)
        }
        let view = ReleaseView(r, live: try store.liveRelease(app)?.version)
        switch output.format {
        case .json: try ctx.out.json(view)
        case .text:
            ctx.out.line("=====> \(app) v\(r.version)\(view.live ? " (live)" : "")")
            ctx.out.line("Description:  \(r.description)")
            ctx.out.line("By:           \(r.createdBy)")
            ctx.out.line("At:           \(ISO8601DateFormatter().string(from: r.createdAt))")
            ctx.out.line("Image:        \(r.image ?? "-")")
            ctx.out.line("Commit:       \(r.commit ?? "-")")
            ctx.out.line("Build dir:    \(r.buildDir ?? "/") (tree \(r.tree ?? "-"))")
            ctx.out.line("Formation:    \(r.formation.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
            ctx.out.line("Config keys:  \(view.configKeys.joined(separator: " "))")
            ctx.out.line("Timings:      \(r.timings.map(TimingsTable.summary) ?? "-")")
        }
    }
}

struct RollbackCommand: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback", abstract: "Deploy an earlier release's image and config again (default: the previous one).")
    static let group = CommandGroup.releases

    @Argument(help: "The app.") var app: String
    @Argument(help: "The release to go back to, like v7.") var release: String?

    func run(_ ctx: CommandContext) throws {
        let version = try release.map(parseVersion)
        let made = try Deployer(platform: try ctx.platform).rollback(app: app, to: version)
        ctx.err.line("-----> \(app) rolled back\(made.map { ": now v\($0.version)" } ?? "")")
    }
}
