import ArgumentParser
import PaasDeploy

struct AccessoriesAdd: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "accessories:add", abstract: "Run a service such as a database, pinned to one node.")
    static let group = CommandGroup.nodes
    @Argument(help: "The accessory's name.") var name: String
    @Option(help: "The image (one this host has is pushed to the swarm's registry).") var image: String
    @Option(help: "The node it runs on (main: this host).") var node: String
    @Option(help: "KEY=VALUE (repeatable).") var env: [String] = []
    @Option(help: "VOLUME:/path or /host/path:/path, optionally :ro (repeatable).") var volume: [String] = []
    @Option(help: "A port published on the node itself (repeatable).") var publish: [Int] = []
    @Option(help: "The command to run instead of the image's (run by /bin/sh -c).") var command: String?

    func run(_ ctx: CommandContext) throws {
        try Accessories(platform: try ctx.platform).add(
            name: name, image: image, node: node, env: env, volumes: volume, publish: publish, command: command)
    }
}

struct AccessoriesList: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "accessories:list", abstract: "List the accessories.")
    static let group = CommandGroup.nodes
    @OptionGroup var output: FormatOption

    func run(_ ctx: CommandContext) throws {
        let rows = try Accessories(platform: try ctx.platform).list()
        switch output.format {
        case .json: try ctx.out.json(rows)
        case .text:
            ctx.out.line("=====> Accessories")
            if rows.isEmpty { ctx.out.line("(none)") }
            for r in rows {
                ctx.out.line(
                    r.name.padding(toLength: 16, withPad: " ", startingAt: 0) + r.node.padding(toLength: 12, withPad: " ", startingAt: 0)
                        + r.state.padding(toLength: 10, withPad: " ", startingAt: 0) + r.image
                        + (r.ports.isEmpty ? "" : "  ports " + r.ports.map(String.init).joined(separator: ",")))
            }
        }
    }
}

struct AccessoriesRemove: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "accessories:remove", abstract: "Remove an accessory.")
    static let group = CommandGroup.nodes
    @Argument(help: "The accessory.") var name: String

    func run(_ ctx: CommandContext) throws {
        try Accessories(platform: try ctx.platform).remove(name: name)
    }
}
