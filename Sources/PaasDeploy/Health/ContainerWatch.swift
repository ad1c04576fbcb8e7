import DockerEngine
import Foundation
import PaasSupport

/// Watches one new container while its checks run, so that a container that exits, or that
/// Docker restarts (restart policy `unless-stopped`), fails the check at once instead of when
/// the check's timeout runs out.
struct ContainerWatch {
    let docker: DockerClient
    let id: String
    /// Docker's restart count when the watch began (`checks:run` looks at old containers).
    let baseline: Int

    /// Starts watching `id`, from Docker's restart count `baseline` when the caller just read it.
    init(docker: DockerClient, id: String, baseline: Int? = nil) throws {
        self.docker = docker
        self.id = id
        if let baseline {
            self.baseline = baseline
        } else {
            self.baseline = try docker.inspectContainer(id)?.restartCount ?? 0
        }
    }

    /// Why the container is no longer a candidate: it exited, or Docker restarted it.
    struct Gone: Error {
        /// "exited with status 3", "exited with status 3 and was restarted by Docker 2 time(s)".
        let actual: String
    }

    /// The container's state while it runs as it started.
    /// - Throws: `Gone` when it exited, is restarting, was restarted or removed;
    ///   `CancellationError` when the deploy is interrupted.
    func state() throws -> ContainerInspect.State {
        try Cancellation.shared.check()
        return try state(of: try docker.inspectContainer(id))
    }

    /// The state in `inspect` (a look just taken), judged as `state()` judges it.
    func state(of inspect: ContainerInspect?) throws -> ContainerInspect.State {
        guard let inspect else { throw Gone(actual: "removed") }
        let s = inspect.state
        let restarts = inspect.restartCount - baseline
        if s.running && s.status != "restarting" && restarts <= 0 { return s }
        var actual = s.running && s.exitCode == 0 && restarts > 0 ? "exited" : "exited with status \(s.exitCode)"
        if restarts > 0 || s.status == "restarting" {
            actual += " and was restarted by Docker \(max(restarts, 1)) time(s)"
        }
        throw Gone(actual: actual)
    }

    /// Sleeps `seconds`, looking at the container every 50 ms.
    func sleep(seconds: Double) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            _ = try state()
            usleep(useconds_t(min(50_000, max(0, deadline.timeIntervalSinceNow) * 1_000_000)))
        }
    }
}
