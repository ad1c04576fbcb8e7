import Foundation
import PaasSupport

/// The configuration file of the registry (Debian's `docker-registry`, distribution 2.8): blobs
/// on the filesystem under the state root, deletion enabled (image clean-up deletes manifests),
/// listening only on the registry address with TLS from the cluster CA, no authentication
/// (only the nodes can reach the address), logs as text on stderr (the registry's log file).
public struct RegistryConfig: Sendable, Equatable {
    /// Where it listens.
    public var address: RegistryAddress
    /// The storage root.
    public var dataDirectory: String
    /// The TLS certificate and key.
    public var certificate: String
    public var key: String

    /// The configuration paas writes for `address` under `paths`.
    public init(address: RegistryAddress, paths: SwarmPaths) {
        self.address = address
        dataDirectory = paths.registryData
        certificate = paths.registryCertificate
        key = paths.registryKey
    }

    /// The YAML text. No blob descriptor cache: a cached descriptor outlives garbage
    /// collection and would make a later push of the same layer skip its upload.
    public var text: String {
        """
        # Written by paas; changes are overwritten. See docs/swarm.md.
        version: 0.1
        log:
          level: info
          formatter: text
          accesslog:
            disabled: false
        storage:
          filesystem:
            rootdirectory: \(quoted(dataDirectory))
          delete:
            enabled: true
          maintenance:
            uploadpurging:
              enabled: true
              age: 168h
              interval: 24h
              dryrun: false
        http:
          addr: \(quoted(address.description))
          tls:
            certificate: \(quoted(certificate))
            key: \(quoted(key))
          headers:
            X-Content-Type-Options: [nosniff]

        """
    }

    /// Writes the file (0600) to `path`, and makes the data folder.
    public func write(to path: String) throws(RegistryError) {
        do {
            try FileManager.default.createDirectory(
                atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try AtomicFile.write(text, to: path, mode: 0o600)
        } catch {
            throw .file("cannot write the registry configuration \(path): \(error)")
        }
    }

    /// A YAML double-quoted scalar.
    private func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
