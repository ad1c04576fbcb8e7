import Foundation

/// The flag the maintenance plugin keeps per app: `$PAAS_ROOT/plugins/data/maintenance/APP`.
/// While it exists, proxy plugins answer the app's domains with a 503 page: the file's text,
/// or a default one.
public enum MaintenanceFlag {
    /// The page to serve for `app`, or nil when it is not in maintenance.
    public static func page(app: String, pluginsDirectory: String) -> String? {
        let path = pluginsDirectory + "/data/maintenance/" + app
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return nil
        }
        let data = FileManager.default.contents(atPath: path) ?? Data()
        // A page, not a book: the first 4 KiB.
        let text = String(decoding: data.prefix(4096), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "\(app) is down for maintenance" : text
    }
}
