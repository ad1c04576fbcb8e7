/// Why a node, placement or Swarm deploy was refused; one line each, saying what is expected.
public enum ClusterError: Error, CustomStringConvertible, Equatable {
    case badEngine(String)
    case badNodeName(String)
    case badLabel(String)
    case needAddress(String)
    case badAddress(String)
    case unreachable(String, String)
    case tooOld(String, version: String, minimum: String)
    case otherSwarm(String)
    case alreadyInSwarm(String)
    case noSuchNode(String)
    case stillRunning(String, tasks: Int)
    case notManager
    case noNodes
    case noPlacement(app: String, process: String, constraints: [String])
    case badPlacement(String)
    case storageMounts(app: String)
    case converge(app: String, process: String, why: String)
    case mainHost(String)
    case renameSwarm(String)

    public var description: String {
        switch self {
        case .badEngine(let text):
            return "invalid engine '\(text)': expected unix:///PATH/TO/docker.sock or ssh://USER@HOST[:PORT]"
        case .badNodeName(let name):
            return "invalid node name '\(name)': expected 1 to 63 lowercase letters, digits or '-', starting with a letter or digit"
        case .badLabel(let text):
            return "invalid label '\(text)': expected KEY=VALUE (KEY: letters, digits, '.', '_', '-'; KEY= removes it)"
        case .needAddress(let engine):
            return "\(engine) does not say where the node is: give the address it is reached on with --address IP"
        case .badAddress(let text):
            return "invalid address '\(text)': expected an IPv4 address such as 10.0.0.2"
        case .unreachable(let engine, let why):
            return "cannot reach the Docker Engine at \(engine): \(why)"
        case .tooOld(let engine, let version, let minimum):
            return "the Docker Engine at \(engine) speaks API \(version); paas needs \(minimum) or newer (Docker 20.10+)"
        case .otherSwarm(let engine):
            return "the Docker Engine at \(engine) belongs to another swarm: make it leave that swarm first (docker swarm leave on it)"
        case .alreadyInSwarm(let engine):
            return "the Docker Engine at \(engine) is already a node of this swarm"
        case .noSuchNode(let name):
            return "no node named '\(name)' (nodes:list shows them)"
        case .stillRunning(let name, let tasks):
            return "node \(name) still runs \(tasks) task(s): drain it first with nodes:drain \(name), then remove it"
        case .notManager:
            return "this host is not a swarm manager yet: add a node first with nodes:add NAME --engine URL"
        case .noNodes:
            return "no swarm here yet: add a node first with nodes:add NAME --engine URL"
        case .noPlacement(let app, let process, let constraints):
            return "no active node matches the placement of \(app) \(process) (\(constraints.joined(separator: ", "))): "
                + "label a node with nodes:label or change it with scheduler:set \(app) placement \(process) LABEL=VALUE"
        case .badPlacement(let text):
            return "invalid placement '\(text)': expected PROCESS LABEL=VALUE[,LABEL=VALUE...] (or PROCESS alone to clear it)"
        case .storageMounts(let app):
            return "\(app) has storage mounts, which are folders of this host: unmount them (storage:unmount) or keep it on docker-local"
        case .converge(let app, let process, let why):
            return "\(app) \(process) did not converge: \(why)"
        case .renameSwarm(let app):
            return "\(app) runs on the swarm, whose services carry its name: move it back first "
                + "(scheduler:set \(app) selected docker-local, then ps:rebuild \(app)), rename, and move it again"
        case .mainHost(let what):
            return "\(what) is this host, the swarm's manager: it can't be removed or drained here"
        }
    }
}
