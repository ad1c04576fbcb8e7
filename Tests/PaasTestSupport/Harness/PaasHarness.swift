import DockerEngine
import Foundation
import PaasSupport

/// A whole paas installation for one end-to-end test: a temp `PAAS_ROOT`, a real proxy (nginx
/// with its proxy folder `<root>/proxy`, or HAProxy with its files in `<root>/haproxy`, as
/// `proxy:` or `PAAS_TEST_PROXY` says), a real sshd reading `<root>/.ssh/authorized_keys`, and the
/// built `paas` with `settings.json` telling it to label everything it makes with this test's id.
///
/// The client key is registered with the product's own `paas ssh-keys:add`, so every ssh and git
/// call goes through the forced command paas wrote. `cleanup()` removes exactly the Docker
/// objects labelled `paas.test=<id>` and stops both servers.
public final class PaasHarness: Sendable {
    /// Labels every Docker object of this test; also the prefix of its app names.
    public let id: TestID
    /// The state root (`PAAS_ROOT`).
    public let root: TempDir
    /// The proxy in front of the apps.
    public let proxy: any TestProxy
    /// Which proxy that is.
    public let proxyKind: TestProxyKind
    /// The proxy when it is nginx.
    public var nginx: TestNginx? { proxy as? TestNginx }
    /// The proxy when it is HAProxy.
    public var haproxy: TestHAProxy? { proxy as? TestHAProxy }
    /// The sshd whose authorized_keys paas writes.
    public let sshd: TestSSHD
    /// The name the client key was added under.
    public let keyName: String
    /// The domain in settings.json: apps answer at `APP.paas.test`.
    public let domain = "paas.test"
    /// The folder `paas` runs from (the built products, or a test's own "host binary folder").
    public let binDirectory: String

    /// The state root's path.
    public var rootPath: String { root.path }

    /// Sets everything up and adds the sshd's client key with `paas ssh-keys:add keyName --role admin`.
    /// `binDirectory` is where `paas` runs from (and what the forced command in
    /// authorized_keys names).
    public init(
        _ prefix: String = "e2e", keyName: String = "tester", proxy kind: TestProxyKind = .fromEnvironment,
        binDirectory: String = TestPaths.binDirectory
    ) throws {
        try TestPaths.requireBuilt(binDirectory + "/paas")
        try TestPaths.requireBuilt(binDirectory + "/paas-pre-receive")
        self.binDirectory = binDirectory
        id = TestID(prefix)
        self.keyName = keyName
        root = try TempDir(prefix: "paas-root")
        try root.directory(".ssh")
        proxyKind = kind
        // The forced command in authorized_keys runs the installed paas: here, the built one.
        var settings: [String: Any] = ["domain": domain, "labels": id.labels, "paasBinary": binDirectory + "/paas"]
        switch kind {
        case .nginx:
            let nginx = try TestNginx(proxyDirectory: root.file("proxy"))
            settings["nginx"] = [
                "listen": nginx.listen, "test": nginx.testCommand(), "reload": nginx.reloadCommand(),
                "sudo": false, "pidFile": nginx.pidFile, "listenTLS": nginx.listenTLS,
            ]
            proxy = nginx
        case .haproxy:
            let haproxy = try TestHAProxy(stateRoot: root.path)
            settings["haproxy"] = haproxy.settings
            proxy = haproxy
        }
        // An upgrade's verify step asks every app through the proxy on this port.
        settings["upgrade"] = ["proxyPort": Int(proxy.port)]
        try root.write(
            "settings.json",
            Array(try JSONSerialization.data(withJSONObject: settings, options: [.prettyPrinted, .sortedKeys])))
        if let haproxy = proxy as? TestHAProxy {
            try haproxy.setup(environment: ["PAAS_ROOT": root.path])
            try haproxy.start()
        }
        // Tests open many sessions at once; sshd's default MaxStartups (10) would drop some.
        // PAAS_TRACE=1 in the test's environment reaches paas over ssh too (timed progress lines).
        let trace = ProcessInfo.processInfo.environment["PAAS_TRACE"] == "1" ? ["PAAS_TRACE": "1"] : [:]
        sshd = try TestSSHD(
            authorizedKeysFile: root.file(".ssh/authorized_keys"), environment: trace,
            extraConfig: ["MaxStartups 100:30:200"])
        let added = try paas(["ssh-keys:add", keyName, "--role", "admin"], stdin: Array((sshd.publicKey + "\n").utf8))
        guard added.succeeded else { throw TestSupportError("paas ssh-keys:add failed: \(added.summary)") }
        // The proxy is a plugin, installed the way scripts/install.sh installs it.
        let installed = try paas(["plugin:install", TestPaths.plugins + "/" + kind.rawValue])
        guard installed.succeeded else {
            throw TestSupportError("paas plugin:install \(kind.rawValue) failed: \(installed.summary)")
        }
    }

    deinit { cleanup() }

    // MARK: - Running paas

    /// The environment every local `paas` run gets.
    public var environment: [String: String] { ["PAAS_ROOT": root.path, "PAAS_BIN_DIR": binDirectory] }

    /// Runs the built `paas` locally (as root on the host would) with `PAAS_ROOT` set.
    @discardableResult
    public func paas(
        _ arguments: [String], stdin: [UInt8]? = nil, timeout: Duration = .seconds(300)
    ) throws -> ProcessResult {
        try Run.command(binDirectory + "/paas", arguments, environment: environment, stdin: stdin, timeout: timeout)
    }

    /// Runs a paas command over ssh: each word is shell-quoted, so the forced command's POSIX
    /// splitting gives back exactly `words`.
    @discardableResult
    public func ssh(
        _ words: [String], stdin: [UInt8]? = nil, key: SSHKey? = nil, timeout: Duration = .seconds(300)
    ) throws -> ProcessResult {
        try sshRaw(words.map(Self.shellQuote), stdin: stdin, key: key, timeout: timeout)
    }

    /// Runs ssh with `words` exactly as given (ssh joins them with spaces; nothing is quoted).
    @discardableResult
    public func sshRaw(
        _ words: [String], stdin: [UInt8]? = nil, key: SSHKey? = nil, timeout: Duration = .seconds(300)
    ) throws -> ProcessResult {
        try sshd.ssh(words, stdin: stdin, key: key, timeout: timeout)
    }

    /// Pushes `ref` of `fixture` to `app` over ssh with the real git client.
    @discardableResult
    public func push(
        _ fixture: GitFixture, app: String, ref: String = "main", key: SSHKey? = nil, force: Bool = false
    ) throws -> ProcessResult {
        try fixture.push(to: sshd, app: app, ref: ref, key: key, force: force)
    }

    // MARK: - Looking at the result

    /// GET `path` of `app` through the proxy (Host `APP.paas.test`).
    public func get(app: String, path: String = "/") throws -> (status: Int, body: String) {
        try proxy.get(host: host(app), path: path)
    }

    /// Polls `get` until the body equals `body` (reloads and rollouts settle in a moment).
    @discardableResult
    public func waitFor(
        app: String, path: String = "/", body: String, timeout: Duration = .seconds(15)
    ) throws -> (status: Int, body: String) {
        var last: (status: Int, body: String) = (0, "")
        _ = try waitUntil(timeout: timeout) {
            last = try get(app: app, path: path)
            return last.status == 200 && last.body == body
        }
        return last
    }

    /// The host name of `app`: `APP.paas.test`.
    public func host(_ app: String) -> String { "\(app).\(domain)" }

    /// The proxy configuration paas wrote for `app` (nginx: its server block; HAProxy: its
    /// backend section), or nil.
    public func proxyConfig(app: String) -> String? {
        let file = proxyKind == .nginx ? "proxy/\(app).conf" : "haproxy/apps/\(app).cfg"
        return try? String(contentsOfFile: root.file(file), encoding: .utf8)
    }

    /// The `ADDRESS:PORT`s the proxy configuration paas wrote sends `app`'s traffic to, in file
    /// order (nginx `server ADDRESS:PORT;`, HAProxy `server NAME ADDRESS:PORT`).
    public func upstreams(app: String) -> [String] {
        (proxyConfig(app: app) ?? "").split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard words.first == "server", let address = words.dropFirst().first(where: { $0.contains(":") }) else { return nil }
            return address.trimmingCharacters(in: CharacterSet(charactersIn: ";"))
        }
    }

    /// Where the proxy reaches a web container of `app`: its address on the app's network and
    /// the port the app listens on inside.
    public func upstream(of container: ContainerSummary, app: String) -> String? {
        guard let address = container.addresses["paas-app-\(app)"], let port = container.labels["paas.port"] else { return nil }
        return address + ":" + port
    }

    /// This test's containers (running or not), narrowed to `app` and `process` when given.
    public func containers(app: String? = nil, process: String? = nil, role: String? = nil) throws
        -> [ContainerSummary]
    {
        var labels: [String: String?] = [TestID.labelKey: id.value]
        if let app { labels["paas.app"] = app }
        if let process { labels["paas.process"] = process }
        if let role { labels["paas.role"] = role }
        return try docker.listContainers(all: true, labels: labels)
    }

    /// This test's images, narrowed to `app` when given (tagged `paas/APP:...` or labelled
    /// `paas.app=APP`: paas puts only the install's labels on the images it builds).
    public func images(app: String? = nil) throws -> [ImageSummary] {
        let all = try docker.listImages(labels: id.labels)
        guard let app else { return all }
        return all.filter { image in
            image.labels["paas.app"] == app || image.repoTags.contains { $0.hasPrefix("paas/\(app):") }
        }
    }

    /// Whether the bare repository of `app` exists under the state root.
    public func repositoryExists(app: String) -> Bool {
        FileManager.default.fileExists(atPath: root.file("repos/\(app).git"))
    }

    /// A Docker client for the local daemon, outside any cancellation.
    public var docker: DockerClient { DockerClient.local(cancellation: nil) }

    // MARK: - Cleaning up

    /// Removes this test's containers, images and volumes (by label) and stops sshd and the proxy.
    /// Safe to call twice; failures are ignored so that one leftover does not hide the rest.
    public func cleanup() {
        let docker = self.docker
        let filter = id.labels.mapValues { Optional($0) }
        for container in (try? docker.listContainers(all: true, labels: filter)) ?? [] {
            try? docker.removeContainer(container.id, force: true, volumes: true)
        }
        // Newest first, so a child image goes before the one it was built on.
        for image in ((try? docker.listImages(labels: id.labels)) ?? []).sorted(by: { $0.created > $1.created }) {
            _ = try? docker.removeImage(image.id, force: true)
        }
        for volume in (try? docker.listVolumes(labels: id.labels)) ?? [] {
            try? docker.removeVolume(volume)
        }
        for network in (try? docker.listNetworks(labels: id.labels)) ?? [] {
            try? docker.removeNetwork(network)
        }
        sshd.stop()
        proxy.stop()
    }

    /// Quotes `word` for a POSIX shell: single quotes, with `'` written as `'\''`.
    public static func shellQuote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
