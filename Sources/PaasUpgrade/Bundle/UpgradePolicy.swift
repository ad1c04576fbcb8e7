/// Whether a bundle may replace what is installed: newer than it (or an allowed downgrade the
/// schema permits), and not asking for a newer starting point than the installed version.
public enum UpgradePolicy {
    /// Throws `BundleError` when `manifest` may not be installed over `installed`.
    public static func check(installed: VersionReport, bundle manifest: BundleManifest, allowDowngrade: Bool) throws {
        guard let current = ReleaseVersion(installed.version) else { throw BundleError.badVersion(installed.version) }
        guard let target = ReleaseVersion(manifest.version) else { throw BundleError.badVersion(manifest.version) }
        guard let minimum = ReleaseVersion(manifest.minimumVersion) else {
            throw BundleError.badVersion(manifest.minimumVersion)
        }
        if target == current { throw BundleError.sameVersion(manifest.version) }
        if target < current {
            guard allowDowngrade else { throw BundleError.downgrade(from: installed.version, to: manifest.version) }
            guard manifest.schemaVersion >= installed.schemaVersion else {
                throw BundleError.schemaTooOld(
                    to: manifest.version, schema: manifest.schemaVersion, current: installed.schemaVersion)
            }
            return
        }
        if current < minimum {
            throw BundleError.tooOldToUpgrade(current: installed.version, minimum: manifest.minimumVersion)
        }
    }
}
