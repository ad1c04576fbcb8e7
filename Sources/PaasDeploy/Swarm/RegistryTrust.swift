import Foundation
import PaasSupport

/// Makes this host's dockerd trust the registry: the cluster CA certificate in
/// `/etc/docker/certs.d/ADDR:PORT/ca.crt` (read by dockerd at each pull or push, no restart).
/// For a remote node, install the same text (`ClusterCA.certificatePEM()`) at the same path.
public struct RegistryTrust: Sendable {
    /// The folder dockerd reads registry certificates from.
    public var certsFolder: String

    /// Trust under `certsFolder` (tests may point it elsewhere).
    public init(certsFolder: String = "/etc/docker/certs.d") { self.certsFolder = certsFolder }

    /// Where the CA certificate goes for `address`.
    public func caFile(for address: RegistryAddress) -> String { "\(certsFolder)/\(address)/ca.crt" }

    /// Writes `caPEM` as the CA (0644) dockerd trusts for `address`.
    public func trustLocally(address: RegistryAddress, caPEM: String) throws(RegistryError) {
        let file = caFile(for: address)
        do {
            try FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try AtomicFile.write(caPEM, to: file, mode: 0o644)
        } catch {
            throw .file("cannot install the registry CA at \(file): \(error)")
        }
    }

    /// Removes the trust for `address` (its whole `certs.d/ADDR:PORT` folder); no error when absent.
    public func removeTrust(address: RegistryAddress) throws(RegistryError) {
        let folder = "\(certsFolder)/\(address)"
        guard FileManager.default.fileExists(atPath: folder) else { return }
        do {
            try FileManager.default.removeItem(atPath: folder)
        } catch {
            throw .file("cannot remove \(folder): \(error.localizedDescription)")
        }
    }
}
