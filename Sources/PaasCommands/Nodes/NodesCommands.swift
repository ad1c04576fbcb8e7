import ArgumentParser
import DockerEngine
import Foundation
import PaasDeploy
import PaasStore

struct NodesAdd: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "nodes:add", abstract: "Add a Docker host to the swarm (this host becomes its manager).")
    static let group = CommandGroup.nodes
    @Argument(help: "The node's name.") var name: String
    @Option(help: "Its Engine API: unix:///PATH/docker.sock or ssh://root@HOST[:PORT].") var engine: String
    @Option(help: "The IPv4 address the swarm and the proxy reach it on (default: an ssh engine's host).")
    var address: String?
    @Option(name: .customLong("label"), help: "A node label KEY=VALUE (repeatable; role=app unless given).")
    var labels: [String] = []

    func run(_ ctx: CommandContext) throws {
        var parsed: [String: String] = [:]
        for text in labels {
            guard let (key, value) = NodeLabels.pair(text), !value.isEmpty else { throw ClusterError.badLabel(text) }
            parsed[key] = value
        }
        try Cluster(platform: try ctx.platform).add(name: name, engine: engine, address: address, labels: parsed)
    }
}

struct NodesList: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "nodes:list", abstract: "List the swarm's nodes.")
    static let group = CommandGroup.nodes
    @OptionGroup var output: FormatOption

    func run(_ ctx: CommandContext) throws {
        let rows = try NodeReports(platform: try ctx.platform).all()
        switch output.format {
        case .json: try ctx.out.json(rows)
        case .text:
            ctx.out.line("=====> Nodes")
            if rows.isEmpty { ctx.out.line("(no swarm yet: nodes:add NAME --engine URL)") }
            for r in rows {
                ctx.out.line(
                    r.name.padding(toLength: 16, withPad: " ", startingAt: 0) + r.address.padding(toLength: 16, withPad: " ", startingAt: 0)
                        + r.state.padding(toLength: 8, withPad: " ", startingAt: 0)
                        + r.availability.padding(toLength: 8, withPad: " ", startingAt: 0)
                        + "\(r.tasks) task(s)  " + r.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
            }
        }
    }
}

struct NodesReport: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "nodes:report", abstract: "Show a node: engine, address, state, labels, its tasks.")
    static let group = CommandGroup.nodes
    @OptionGroup var output: FormatOption
    @Argument(help: "The node (main: this host).") var name: String

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        let reports = NodeReports(platform: platform)
        guard let row = try reports.all().first(where: { $0.name == name }) else { throw ClusterError.noSuchNode(name) }
        switch output.format {
        case .json: try ctx.out.json(row)
        case .text:
            ctx.out.line("=====> Node \(row.name)")
            for (key, value) in [
                ("Engine", row.engine), ("Address", row.address), ("Role", row.swarmRole), ("State", row.state),
                ("Availability", row.availability), ("Engine version", row.engineVersion),
                ("Labels", row.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")),
                ("Tasks", row.taskList.isEmpty ? "none" : row.taskList.joined(separator: ", ")),
                ("Registry", row.registry ?? "-"),
            ] {
                ctx.out.line("       " + (key + ":").padding(toLength: 16, withPad: " ", startingAt: 0) + value)
            }
        }
    }
}

struct NodesLabel: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "nodes:label", abstract: "Set node labels (KEY=VALUE; KEY= removes one).")
    static let group = CommandGroup.nodes
    @Argument(help: "The node (main: this host).") var name: String
    @Argument(help: "KEY=VALUE pairs.") var pairs: [String]

    func run(_ ctx: CommandContext) throws {
        guard !pairs.isEmpty else { throw ClusterError.badLabel("") }
        try Cluster(platform: try ctx.platform).label(name: name, pairs: pairs)
        ctx.err.line("-----> Labelled \(name): \(pairs.joined(separator: " "))")
    }
}

struct NodesDrain: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "nodes:drain", abstract: "Move every task off a node and keep new ones away.")
    static let group = CommandGroup.nodes
    @Argument(help: "The node.") var name: String
    @Flag(help: "Make a drained node take tasks again instead.") var undo = false

    func run(_ ctx: CommandContext) throws {
        let cluster = Cluster(platform: try ctx.platform)
        if undo {
            try cluster.activate(name: name)
            ctx.err.line("-----> \(name) takes tasks again")
        } else {
            try cluster.drain(name: name)
        }
    }
}

struct NodesRemove: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "nodes:remove", abstract: "Remove a node from the swarm (drain it first).")
    static let group = CommandGroup.nodes
    @Argument(help: "The node.") var name: String

    func run(_ ctx: CommandContext) throws {
        try Cluster(platform: try ctx.platform).remove(name: name)
    }
}

struct NodesRegistry: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "nodes:registry", abstract: "Start, stop or show the swarm's image registry.")
    static let group = CommandGroup.nodes
    enum Action: String, ExpressibleByArgument { case start, stop, status }
    @Argument(help: "start, stop or status.") var action: Action = .status

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        let registry = try SwarmRegistry.current(platform: platform)
        switch action {
        case .start:
            try registry.start()
            SwarmSupervisor.ensureRunning(platform: platform)
            ctx.err.line("-----> The registry answers at \(registry.endpoint)")
        case .stop:
            SwarmSupervisor(platform: platform).stop()
            ctx.err.line("-----> Stopped the registry and the swarm supervisor")
        case .status:
            let status = registry.status
            ctx.out.line("registry \(registry.endpoint): " + (status.answering ? "answering" : "not answering")
                + (status.pid.map { " (pid \($0))" } ?? ""))
            ctx.out.line("supervisor: " + (SwarmSupervisor(platform: platform).runningPID().map { "running (pid \($0))" } ?? "not running"))
        }
    }
}

struct NodesSupervise: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "nodes:supervise",
        abstract: "Keep the registry running and the proxy on every swarm app's tasks (runs until stopped).")
    static let group = CommandGroup.nodes
    static let access = AccessClass.root

    func run(_ ctx: CommandContext) throws {
        try SwarmSupervisor(platform: try ctx.platform).run()
    }
}
