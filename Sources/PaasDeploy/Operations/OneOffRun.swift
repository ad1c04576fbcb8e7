import AppSpec
import DockerEngine
import Foundation
import PaasStore
import PaasSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `run`: a one-off container from the app's live image with its config, attached to the
/// caller, removed afterwards — also when the caller goes away.
public struct OneOffRun {
    let platform: Platform

    public init(platform: Platform) { self.platform = platform }

    /// The container command for `run APP WORDS...`: when the first word is a process type of
    /// the live release, its Procfile command with the other words appended, each quoted for
    /// the shell (Dokku's "run command from Procfile"); else one word as a shell command line,
    /// several as they are; nil (the image's command) for none.
    public static func command(_ words: [String], processes: [String: String]) -> [String]? {
        guard let first = words.first else { return nil }
        if let entry = processes[first] {
            return ["/bin/sh", "-c", ([entry] + words.dropFirst().map(ConfigExport.shellQuoted)).joined(separator: " ")]
        }
        return words.count == 1 ? ["/bin/sh", "-c", first] : words
    }

    /// Runs `command` attached to this process's stdin/stdout; returns its exit status.
    public func run(app: String, command: [String], detached: Bool) throws -> (status: Int32, name: String) {
        let store = try platform.store
        _ = try store.requireApp(app)
        guard let live = try store.liveRelease(app), let image = live.image else { throw DeployError.nothingDeployed(app) }
        let tty = !detached && isatty(0) == 1 && isatty(1) == 1
        var spec = ContainerSpec(image: image)
        let env = try store.mergedConfig(app)
        spec.env = env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        spec.cmd = Self.command(command, processes: live.processes)
        spec.tty = tty
        spec.openStdin = !detached
        spec.stdinOnce = !detached
        spec.attachStdin = !detached
        spec.attachStdout = !detached
        spec.attachStderr = !detached
        let number = Int.random(in: 1000...9999)
        spec.labels = platform.labels(
            app: app, role: .run,
            extra: [Labels.process: "run", Labels.number: String(number), Labels.release: "v\(live.version)",
                Labels.owner: detached ? "" : String(getpid())])
        spec.hostConfig.`init` = true
        let name = "\(app).run.\(number)"
        let id = try platform.docker.createContainer(name: name, spec)
        if detached {
            do {
                try platform.docker.startContainer(id)
            } catch {
                try? platform.cleanupDocker.removeContainer(id, force: true)
                throw error
            }
            return (0, name)
        }
        defer { try? platform.cleanupDocker.removeContainer(id, force: true) }
        let out = Terminal.out
        let err = Terminal.err
        try platform.docker.attachContainer(
            id, stdin: 0, tty: tty,
            onOutput: { stream, bytes in (stream == .stderr ? err : out).write(bytes: bytes) },
            whenAttached: { try platform.docker.startContainer(id) })
        try Cancellation.shared.check()
        let status = try platform.docker.waitContainer(id)
        return (Int32(truncatingIfNeeded: status), name)
    }
}
