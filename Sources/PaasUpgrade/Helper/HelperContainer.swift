import DockerEngine
import Foundation
import PaasDeploy
import PaasSupport

/// The detached container that runs an upgrade, so that the upgrade outlives the command (and
/// the ssh session) that asked for it.
///
/// It is the only container paas gives the Docker socket, and more: the host's root folder is
/// mounted at `/host` and the helper `chroot`s into it, in the host's process and network
/// namespaces. The steps must reload the host's proxy (its binary, its configuration, its
/// master process) and prove that the new binaries run with the host's own libraries, which a
/// container with a root of its own could do neither of. The image only needs a static
/// `chroot` (paas/busybox). The container is labelled, and Docker removes it when it exits.
public struct HelperContainer {
    /// The label every helper carries, with the upgrade id as its value.
    public static let upgradeLabel = "paas.upgrade"

    let docker: DockerClient
    let settings: UpgradeSettings
    let labels: [String: String]

    public init(docker: DockerClient, settings: UpgradeSettings, labels: [String: String]) {
        self.docker = docker
        self.settings = settings
        self.labels = labels
    }

    /// Starts `orchestrator upgrade:run id` in a new helper called `name`.
    public func start(name: String, id: String, orchestrator: String, root: StateRoot) throws {
        var env = [
            "PAAS_ROOT=\(root.path)", "\(UpgradeGate.passVariable)=\(id)", "HOME=/root",
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ]
        if let hold = ProcessInfo.processInfo.environment[UpgradeRunner.holdVariable] {
            env.append("\(UpgradeRunner.holdVariable)=\(hold)")
        }
        var containerLabels = labels
        containerLabels[Labels.role] = "upgrade"
        containerLabels[Self.upgradeLabel] = id
        let spec = ContainerSpec(
            image: settings.helperImage, cmd: ["chroot", "/host", orchestrator, "upgrade:run", id], env: env,
            labels: containerLabels, attachStdout: false, attachStderr: false,
            hostConfig: HostSpec(binds: ["/:/host"], autoRemove: true, networkMode: "host", pidMode: "host"))
        do {
            guard try docker.inspectImage(settings.helperImage) != nil else {
                throw UpgradeError.helper(
                    "the image \(settings.helperImage) is missing; make it with scripts/make-base-images.sh")
            }
            let container = try docker.createContainer(name: name, spec)
            try docker.startContainer(container)
        } catch let error as UpgradeError {
            throw error
        } catch {
            throw UpgradeError.helper("\(error)")
        }
    }

    /// Whether a helper called `name` exists (created, running or exiting).
    public func exists(name: String) -> Bool {
        (try? docker.inspectContainer(name)) != nil
    }
}
