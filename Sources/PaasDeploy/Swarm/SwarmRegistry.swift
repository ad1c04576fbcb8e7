import DockerEngine
import Foundation
import PaasStore
import PaasSupport

/// The swarm's image registry as the deploy and `nodes:*` use it: started on the manager's
/// address with TLS from the cluster CA, trusted by this host and by every node, and the place
/// each release's image is pushed to and named by digest.
public struct SwarmRegistry {
    let platform: Platform
    public let address: RegistryAddress
    let paths: SwarmPaths

    /// What to tell a user whose registry is down.
    public static let startHint = "start it with nodes:registry start (or systemctl start paas-swarm)"

    /// The registry on the manager's `address`.
    public init(platform: Platform, address: String) throws {
        self.platform = platform
        self.address = try RegistryAddress(host: address)
        paths = SwarmPaths(root: platform.root)
    }

    /// The registry of this host's swarm; throws `ClusterError.noNodes` before the first node.
    public static func current(platform: Platform) throws -> SwarmRegistry {
        guard let address = try Cluster(platform: platform).managerAddress() else { throw ClusterError.noNodes }
        return try SwarmRegistry(platform: platform, address: address)
    }

    /// "ADDR:PORT", as image names start.
    public var endpoint: String { address.description }

    /// The X-Registry-Auth nodes pull with (the registry needs none; TLS limits who trusts it).
    public var auth: String { DockerClient.anonymousRegistryAuth }

    var service: RegistryService { RegistryService(paths: paths, address: address, startHint: Self.startHint) }

    /// Makes the CA and the registry's certificate as needed, starts it unless it runs, and
    /// makes this host's Docker trust it.
    public func start() throws {
        try service.start()
        try RegistryTrust().trustLocally(address: address, caPEM: try ClusterCA(paths: paths).certificatePEM())
    }

    /// Stops the registry.
    public func stop() { service.stop() }

    /// Whether it runs and answers.
    public var status: RegistryService.Status { service.status() }

    /// Throws a one-line error unless the registry answers.
    public func requireAnswering() throws { try service.probe() }

    /// Makes the node at `endpoint` trust the registry's CA: on this machine (a unix socket) the
    /// file this host's Docker reads already serves it; on a server, through ssh as its user.
    public func install(on endpoint: EngineEndpoint) throws {
        let pem = try ClusterCA(paths: paths).certificatePEM()
        guard case .ssh(let user, let host, let port) = endpoint else {
            try RegistryTrust().trustLocally(address: address, caPEM: pem)
            return
        }
        let folder = "/etc/docker/certs.d/\(address)"
        // The remote command is fixed text: the address was validated as IPv4:port.
        let result = try platform.runner.run(
            ProcessSpec(
                executable: "/usr/bin/ssh",
                arguments: EngineEndpoint.sshOptions(port: port, identity: try SSHIdentity.of(root: platform.root, runner: platform.runner)) + [
                    "\(user)@\(host)", "mkdir -p '\(folder)' && cat > '\(folder)/ca.crt'",
                ],
                stdin: .bytes(Array(pem.utf8)), timeout: .seconds(30)))
        guard result.succeeded else {
            throw ClusterError.unreachable(endpoint.description, "could not install the registry's CA: \(result.stderrText)")
        }
    }

    /// Pushes `image` (`paas/APP:vN`, local) as release `version` of `app` and returns the
    /// by-digest reference every node pulls (`ADDR:PORT/paas/APP@sha256:…`).
    public func publish(image: String, app: String, version: Int) throws -> String {
        try client.push(image, as: "paas/\(app)", tag: "v\(version)", docker: platform.docker, registryAuth: auth)
    }

    /// Pushes the local `image` as accessory `name`'s (`ADDR:PORT/paas-accessory/NAME`) and
    /// returns its by-digest reference.
    public func publishAccessory(image: String, name: String) throws -> String {
        try client.push(image, as: "paas-accessory/\(name)", tag: "latest", docker: platform.docker, registryAuth: auth)
    }

    /// The registry's HTTP API.
    var client: RegistryClient { RegistryClient(paths: paths, address: address, startHint: Self.startHint) }

    /// Deletes releases of `app` other than `keep` ("v7") from the registry, then reclaims
    /// the space; failures are warnings (the images stay, nothing breaks).
    public func prune(app: String, keep: Set<String>) {
        let repository = "paas/\(app)"
        do {
            var deleted = 0
            var digests: [String: String] = [:]
            for tag in try client.tags(repository) { digests[tag] = try client.manifestDigest(repository, tag: tag) }
            // Deleting a manifest deletes every tag naming it: a digest a kept release shares
            // (a rebuild of the same tree, a rollback) stays.
            let kept = Set(digests.filter { keep.contains($0.key) }.values)
            for digest in Set(digests.filter { !keep.contains($0.key) }.values).subtracting(kept) {
                if try client.deleteManifest(repository, digest: digest) { deleted += 1 }
            }
            if deleted > 0 {
                _ = try client.garbageCollect()
                platform.detail("Removed \(deleted) old release(s) of \(app) from the registry")
            }
        } catch {
            platform.log.line(" !     could not clean the registry for \(app): \(error)")
        }
    }
}
