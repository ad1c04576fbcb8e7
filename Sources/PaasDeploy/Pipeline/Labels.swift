/// The labels paas puts on everything it makes in Docker, so that it can always find (and
/// clean up) its own things and nobody else's.
public enum Labels {
    /// The app a container or image belongs to.
    public static let app = "paas.app"
    /// What the container is for: see `Role`.
    public static let role = "paas.role"
    /// The process type (`web`, `worker`, ...).
    public static let process = "paas.process"
    /// The instance number within the process type, from 1.
    public static let number = "paas.number"
    /// The release the container runs (`v7`).
    public static let release = "paas.release"
    /// The deploy that made the container; the reconciler removes what no live deploy owns.
    public static let deploy = "paas.deploy"
    /// The port a web container listens on inside (its published port maps to it).
    public static let port = "paas.port"
    /// The process that owns a one-off container (`run`), so a dead owner's container can go.
    public static let owner = "paas.owner-pid"

    /// Values of `paas.role`.
    public enum Role: String, Sendable {
        /// A process of the app's formation.
        case app
        /// A release task (predeploy, release, postdeploy).
        case task
        /// An ephemeral builder container.
        case builder
        /// A one-off `run` container.
        case run
    }
}
