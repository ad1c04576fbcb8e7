import PaasSupport

/// Where the Swarm pieces keep their files under the state root.
public struct SwarmPaths: Sendable, Hashable {
    /// The state root.
    public let root: StateRoot

    /// Paths under `root`.
    public init(root: StateRoot) { self.root = root }

    /// The cluster CA's folder (0700).
    public var caFolder: String { root.swarm + "/ca" }
    /// Held while the CA or the registry's certificate is made.
    public var caLock: String { caFolder + "/setup.lock" }
    /// The CA's private key (0600); never leaves the main host.
    public var caKey: String { caFolder + "/ca.key" }
    /// The CA's certificate, installed on every node.
    public var caCertificate: String { caFolder + "/ca.crt" }
    /// The registry's folder (0700).
    public var registryFolder: String { root.swarm + "/registry" }
    /// The registry's TLS key (0600).
    public var registryKey: String { registryFolder + "/registry.key" }
    /// The registry's TLS certificate, signed by the CA for the registry's address.
    public var registryCertificate: String { registryFolder + "/registry.crt" }
    /// The registry's configuration file.
    public var registryConfig: String { registryFolder + "/config.yml" }
    /// Where the registry stores blobs and manifests.
    public var registryData: String { registryFolder + "/data" }
    /// The pid of the running registry.
    public var registryPidFile: String { registryFolder + "/registry.pid" }
    /// The registry's log (its stdout and stderr).
    public var registryLog: String { registryFolder + "/registry.log" }
    /// Held while the registry is started or stopped.
    public var registryServiceLock: String { registryFolder + "/service.lock" }
    /// The lock pushes hold shared and garbage collection exclusively.
    public var registryLock: String { registryFolder + "/push.lock" }
}
