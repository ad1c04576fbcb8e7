import DockerEngine
import Foundation
import PaasSupport

/// The registry's HTTP API v2, over TLS trusted by the cluster CA only: repositories, tags,
/// manifest digests, deleting a manifest; and garbage collection of what no manifest uses.
public struct RegistryClient: Sendable {
    /// Where the files are (the CA certificate, the configuration).
    public let paths: SwarmPaths
    /// Where the registry listens.
    public let address: RegistryAddress
    /// What to tell the user when the registry does not answer.
    public var startHint: String
    /// The registry program (for garbage collection).
    public var executable = "/usr/bin/docker-registry"
    let runner: any ProcessRunner
    let timeout: Duration

    /// The media types asked for when reading a manifest: the ones `docker push` stores.
    static let manifestTypes = [
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.oci.image.index.v1+json",
    ].joined(separator: ", ")

    /// A client for the registry at `address`.
    public init(
        paths: SwarmPaths, address: RegistryAddress, startHint: String = "",
        runner: any ProcessRunner = PosixProcessRunner(), timeout: Duration = .seconds(30)
    ) {
        self.paths = paths
        self.address = address
        self.startHint = startHint
        self.runner = runner
        self.timeout = timeout
    }

    /// The repositories the registry holds ("app/web").
    public func catalog() throws(RegistryError) -> [String] {
        struct Catalog: Decodable { var repositories: [String]? }
        var all: [String] = []
        // Pages of 1000 (the registry's most); a full page may have more after it.
        while true {
            let last = all.last.map { "&last=\($0)" } ?? ""
            let result = try request("GET", "/v2/_catalog?n=1000\(last)", what: "list its repositories")
            let page = (try? JSONDecoder().decode(Catalog.self, from: Data(result.body)))?.repositories ?? []
            all += page
            if page.count < 1000 || result.headers["link"] == nil { return all }
        }
    }

    /// The tags of `repository`; empty when it has none or does not exist.
    public func tags(_ repository: String) throws(RegistryError) -> [String] {
        struct Tags: Decodable { var tags: [String]? }
        let result = try request(
            "GET", "/v2/\(repository)/tags/list", what: "list the tags of \(repository)", tolerating: [404])
        if result.status == 404 { return [] }
        return ((try? JSONDecoder().decode(Tags.self, from: Data(result.body)))?.tags ?? []).sorted()
    }

    /// The manifest digest ("sha256:…") that `repository:tag` names, or nil when there is none.
    public func manifestDigest(_ repository: String, tag: String) throws(RegistryError) -> String? {
        let result = try request(
            "HEAD", "/v2/\(repository)/manifests/\(tag)", headers: ["Accept": Self.manifestTypes],
            what: "read \(repository):\(tag)", tolerating: [404])
        if result.status == 404 { return nil }
        return result.headers["docker-content-digest"]
    }

    /// Deletes the manifest `digest` of `repository` (and the tags naming it); false when it was
    /// not there. Its layers stay until `garbageCollect()`.
    @discardableResult
    public func deleteManifest(_ repository: String, digest: String) throws(RegistryError) -> Bool {
        let result = try request(
            "DELETE", "/v2/\(repository)/manifests/\(digest)", what: "delete \(repository)@\(digest)",
            tolerating: [404])
        return result.status != 404
    }

    /// Removes blobs no manifest references (`docker-registry garbage-collect CONFIG`), holding
    /// the registry lock exclusively so that no push runs meanwhile. Returns its output.
    @discardableResult
    public func garbageCollect(wait: Duration = .seconds(600)) throws(RegistryError) -> String {
        let lock = try RegistryLock.acquire(.exclusive, paths: paths, wait: wait)
        defer { lock.release() }
        let result: ProcessResult
        do {
            result = try runner.run(
                ProcessSpec(
                    executable: executable, arguments: ["garbage-collect", paths.registryConfig],
                    stdout: .capture(limit: 1 << 20), stderr: .capture(limit: 1 << 16), timeout: .seconds(600)))
        } catch {
            throw .garbageCollection("\(error)")
        }
        guard result.succeeded else {
            let text = (result.stderrText + "\n" + result.stdoutText).split(whereSeparator: \.isNewline)
            throw .garbageCollection(text.last.map(String.init) ?? "\(result.status)")
        }
        return result.stdoutText
    }

    // MARK: - HTTP

    private func request(
        _ method: String, _ path: String, headers: [String: String] = [:], what: String, tolerating: Set<Int> = []
    ) throws(RegistryError) -> HTTPResult {
        let client = CurlHTTPClient(caFile: paths.caCertificate, timeout: timeout)
        let result: HTTPResult
        do {
            result = try client.perform(method, address.baseURL + path, headers: headers)
        } catch {
            throw .notAnswering(address: address.description, reason: error.detail, hint: startHint)
        }
        if (200..<300).contains(result.status) || tolerating.contains(result.status) { return result }
        throw .api(what: what, status: result.status, message: Self.errorMessage(result))
    }

    /// The first of the registry's `{"errors":[{"code","message"}]}`, else the body.
    static func errorMessage(_ result: HTTPResult) -> String {
        struct Errors: Decodable {
            struct Item: Decodable {
                var code: String?
                var message: String?
            }
            var errors: [Item]?
        }
        if let first = (try? JSONDecoder().decode(Errors.self, from: Data(result.body)))?.errors?.first {
            return [first.code, first.message].compactMap { $0 }.joined(separator: ": ")
        }
        let text = result.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "no details" : String(text.prefix(200))
    }
}
