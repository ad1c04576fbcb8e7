import Foundation
import PaasStore
import PaasSupport

/// Stops a build that runs longer than `resource.build-timeout`: the deploy is cancelled as if
/// interrupted, so the build container goes, the old release keeps serving and the pusher is
/// told why.
enum BuildTimeout {
    /// Arms the timeout of `app`'s build; disarm it once the build is over.
    static func arm(app: String, store: Store, cancellation: Cancellation = .shared) throws -> Watchdog {
        let seconds = try AppSettings.value(Settings.resourceBuildTimeout, app: app, store: store)
        return Watchdog(seconds: seconds) {
            cancellation.cancel(reason(app: app, seconds: seconds))
        }
    }

    /// What the pusher reads.
    static func reason(app: String, seconds: Double) -> String {
        "the build of \(app) timed out after \(Setting<Double>.formatSeconds(seconds))s "
            + "(resource:set \(app) build-timeout SECONDS allows longer)"
    }
}
