import DockerEngine
import PaasDeploy
import PaasStore

/// What `nodes:list` and `nodes:report` show of each node, this host first.
struct NodeReports {
    let platform: Platform

    struct Row: Encodable {
        let name: String
        let engine: String
        let address: String
        let swarmRole: String
        let state: String
        let availability: String
        let engineVersion: String
        let labels: [String: String]
        let tasks: Int
        let taskList: [String]
        let registry: String?
    }

    func all() throws -> [Row] {
        let cluster = Cluster(platform: platform)
        guard try cluster.managerAddress() != nil, (try? cluster.requireManager()) != nil else { return [] }
        let store = try platform.store
        let records = Dictionary(uniqueKeysWithValues: try store.nodes().map { ($0.swarmID, $0) })
        let nodes = try platform.docker.listNodes()
        let tasks = try platform.docker.listTasks(desiredState: "running")
        let services = Dictionary(uniqueKeysWithValues: try platform.docker.listServices(labels: [:]).map { ($0.id, $0.spec.name) })
        let registry = try? SwarmRegistry.current(platform: platform).endpoint
        return nodes.map { node in
            let record = records[node.id]
            let name = record?.name ?? (node.spec.role == "manager" ? SwarmNames.manager : node.spec.name ?? node.hostname)
            let mine = tasks.filter { $0.nodeID == node.id }
            return Row(
                name: name, engine: record?.engine ?? "this host", address: record?.address ?? node.address,
                swarmRole: node.spec.role, state: node.state, availability: node.spec.availability,
                engineVersion: node.engineVersion, labels: node.spec.labels.filter { $0.key != SwarmNames.nodeLabel },
                tasks: mine.count,
                taskList: mine.map { "\(services[$0.serviceID] ?? String($0.serviceID.prefix(12))).\($0.slot) \($0.state)" }.sorted(),
                registry: node.spec.role == "manager" ? registry : nil)
        }.sorted { a, b in a.name == SwarmNames.manager ? b.name != SwarmNames.manager : (b.name == SwarmNames.manager ? false : a.name < b.name) }
    }
}
